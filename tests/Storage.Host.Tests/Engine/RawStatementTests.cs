using FluentAssertions;
using Microsoft.Data.Sqlite;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;

namespace PairDb.Storage.Tests.Engine;

public sealed class RawStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = TestSqlite.Connection("Data Source=:memory:;Pooling=False");

    public RawStatementTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER, b BLOB);";
        create.ExecuteNonQuery();
    }

    [Fact]
    public void Execute_BoundValues_AreStoredAndReadBack()
    {
        using var insert = new RawStatement(_connection, "INSERT INTO t (k, n, b) VALUES (?1, ?2, ?3);");
        using var select = new RawStatement(_connection, "SELECT n, b FROM t WHERE k = ?1;");

        insert.BindText(1, "ключ");
        insert.BindNullableInt64(2, 42);
        insert.BindBlob(3, new byte[] { 1, 2, 3 });
        insert.Execute();

        select.BindText(1, "ключ");
        select.Step().Should().BeTrue();
        select.ColumnInt64(0).Should().Be(42);
        select.ColumnBlob(1).Should().Equal(1, 2, 3);
        select.Step().Should().BeFalse();
        select.Reset();
    }

    [Fact]
    public void Execute_ConstraintViolation_ThrowsSqliteExceptionAndTheStatementStaysUsable()
    {
        using var insert = new RawStatement(_connection, "INSERT INTO t (k, n, b) VALUES (?1, ?2, ?3);");
        insert.BindText(1, "a");
        insert.BindNullableInt64(2, null);
        insert.BindBlob(3, new byte[] { 9 });
        insert.Execute();

        insert.BindText(1, "a");
        insert.BindNullableInt64(2, 1);
        insert.BindBlob(3, new byte[] { 9 });
        var duplicate = () => insert.Execute();

        duplicate.Should().Throw<SqliteException>().Where(e => e.SqliteErrorCode == 19 && e.Message.Contains("UNIQUE"));

        insert.BindText(1, "b");
        insert.BindNullableInt64(2, 2);
        insert.BindBlob(3, new byte[] { 8 });
        insert.Execute();
        using var count = _connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM t;";
        Convert.ToInt32(count.ExecuteScalar()).Should().Be(2);
    }

    [Fact]
    public void Constructor_InvalidSql_ThrowsSqliteException()
    {
        var prepare = () => new RawStatement(_connection, "SELEC nonsense;");

        prepare.Should().Throw<SqliteException>().Where(e => e.Message.Contains("syntax error"));
    }

    public void Dispose() => _connection.Dispose();
}
