using Microsoft.Data.Sqlite;
using PairDb.Storage.Hosting;

namespace PairDb.Storage.Tests.Support;

/// <summary>
/// Direct connections of the specs, opened the way the engine opens its own: after the process-wide library settings,
/// so that whichever spec touches SQLite first, the library is configured as in production.
/// </summary>
internal static class TestSqlite
{
    public static SqliteConnection Connection(string connectionString)
    {
        SqliteLibrary.Configure();
        return new SqliteConnection(connectionString);
    }
}
