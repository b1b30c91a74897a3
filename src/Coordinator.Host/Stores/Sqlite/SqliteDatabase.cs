using Microsoft.Data.Sqlite;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Stores.Sqlite;

/// <summary>Opening embedded SQLite databases (WAL, private cache, no pooling) and the timestamp encoding they share.</summary>
internal static class SqliteDatabase
{
    /// <summary>
    /// Opens (creating if needed) the database at <paramref name="path"/> in WAL mode. Pooling is off so that
    /// disposing the connection really closes the file: a reopened store then sees exactly what was committed.
    /// </summary>
    public static SqliteConnection Open(string path, bool fsyncEveryCommit)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        SqliteLibrary.Configure();
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var mode = Scalar(connection, "PRAGMA journal_mode = WAL;") as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode for {path} (journal_mode is '{mode}').");
            }

            // NORMAL in WAL mode survives a process crash (only a power loss can drop the last commits).
            var synchronous = fsyncEveryCommit ? "FULL" : "NORMAL";
            Execute(connection, $"PRAGMA busy_timeout = 5000; PRAGMA synchronous = {synchronous}; PRAGMA foreign_keys = ON;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>A prepared command with named parameters (values set before each execution).</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    /// <summary>Unix microseconds of an instant (sub-microsecond ticks are dropped).</summary>
    public static long ToUnixMicros(DateTimeOffset instant) =>
        (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>The UTC instant of <paramref name="micros"/> Unix microseconds.</summary>
    public static DateTimeOffset FromUnixMicros(long micros) =>
        DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);
}
