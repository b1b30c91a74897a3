using FluentAssertions;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

public sealed class PageSizeTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public async Task Open_NewDatabase_IsCreatedWithTheConfiguredPageSize(int pageSize)
    {
        await using (var engine = TestEngines.Open(_directory, o => o with { PageSizeBytes = pageSize }))
        {
            await engine.WriteAsync("t", "k", Live("v", 1, ("a", 1)));
        }

        StoredPageSize().Should().Be(pageSize);
    }

    [Fact]
    public async Task Open_ExistingDatabaseWithOtherPageSize_KeepsItsOwnAndItsData()
    {
        await using (var engine = TestEngines.Open(_directory, o => o with { PageSizeBytes = 4096 }))
        {
            await engine.WriteAsync("t", "k", Live("v", 1, ("a", 1)));
        }

        await using (var engine = TestEngines.Open(_directory, o => o with { PageSizeBytes = 1024 }))
        {
            var versions = await engine.ReadAsync("t", "k", CancellationToken.None);
            System.Text.Encoding.UTF8.GetString(versions.Should().ContainSingle().Which.Value.Span).Should().Be("v");
            await engine.WriteAsync("t", "k2", Live("w", 1, ("a", 1)));
        }

        StoredPageSize().Should().Be(4096);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(256)]
    [InlineData(1000)]
    [InlineData(131072)]
    public void Open_PageSizeNotAPowerOfTwoInRange_IsRefusedNamingTheSetting(int pageSize)
    {
        var act = () => TestEngines.Open(_directory, o => o with { PageSizeBytes = pageSize });

        act.Should().Throw<ArgumentException>().WithMessage($"PageSizeBytes must be a power of two from 512 to 65536 (was {pageSize})*");
    }

    private long StoredPageSize()
    {
        var path = Path.Combine(_directory.Path, StorageEngineOptions.DatabaseFileName);
        using var connection = TestSqlite.Connection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size;";
        return (long)command.ExecuteScalar()!;
    }
}
