using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PairDb.Storage.Engine;

/// <summary>
/// A statement prepared once on the writer's connection and driven through SQLite's C API directly: binding, stepping
/// and reading columns without the ADO.NET layer's parameter objects, boxing and data readers, which cost more per
/// write than SQLite's own work on the writer's hot statements. Failures throw <see cref="SqliteException"/>, as the
/// ADO.NET layer does. Not thread-safe: only the writer loop uses it.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void BindText(int index, string value) => Check(raw.sqlite3_bind_text(_statement, index, value));

    public void BindInt64(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void BindNullableInt64(int index, long? value) =>
        Check(value.HasValue ? raw.sqlite3_bind_int64(_statement, index, value.Value) : raw.sqlite3_bind_null(_statement, index));

    public void BindBlob(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>
    /// Steps once: true when a row is available, false when the statement is done. The caller resets the statement
    /// afterwards, whatever the outcome (an unreset statement keeps its read transaction open).
    /// </summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        // Read at once, while the connection still holds this step's error; callers reset the statement (finally).
        throw new SqliteException(
            $"SQLite Error {rc}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(_db));
    }

    /// <summary>Runs a statement that returns no rows, then resets it for the next use.</summary>
    public void Execute()
    {
        try
        {
            while (Step())
            {
            }
        }
        finally
        {
            Reset();
        }
    }

    public long ColumnInt64(int index) => raw.sqlite3_column_int64(_statement, index);

    public byte[] ColumnBlob(int index) => raw.sqlite3_column_blob(_statement, index).ToArray();

    /// <summary>Makes the statement ready to run again and releases the bound values (they may be large blobs).</summary>
    public void Reset()
    {
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
