using Microsoft.Data.Sqlite;

namespace PairDb.Storage.Tests.Support;

/// <summary>
/// Holds SQLite's write lock from a second connection, so the engine's writer waits in BEGIN IMMEDIATE (up to its
/// busy timeout); makes queueing and acknowledgement observable without timing races.
/// </summary>
internal sealed class WriteLock : IDisposable
{
    private readonly SqliteConnection _connection;
    private bool _held;

    public WriteLock(string databasePath)
    {
        _connection = TestSqlite.Connection($"Data Source={databasePath};Pooling=False");
        _connection.Open();
        Execute("BEGIN IMMEDIATE;");
        _held = true;
    }

    public void Release()
    {
        if (_held)
        {
            Execute("COMMIT;");
            _held = false;
        }
    }

    public void Dispose()
    {
        Release();
        _connection.Dispose();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
