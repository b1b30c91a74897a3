using FluentAssertions;
using PairDb.Messages.Ring;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

public sealed class RangePurgeTests : IAsyncLifetime
{
    private const int KeyCount = 1500;
    private const ulong Quarter = 1UL << 62;
    private readonly TempDirectory _directory = new();
    private StorageEngine _engine = null!;

    public async Task InitializeAsync()
    {
        _engine = TestEngines.Open(_directory);
        await WriteKeysAsync(_engine, KeyCount, i => "tenant-" + (i % 3), "key-");
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _directory.Dispose();
    }

    [Theory]
    [InlineData(Quarter, 2 * Quarter)]
    [InlineData(3 * Quarter, Quarter)]
    [InlineData(ulong.MaxValue, 2 * Quarter)]
    [InlineData(2 * Quarter, ulong.MaxValue)]
    [InlineData(0UL, Quarter)]
    public async Task PurgeRangeAsync_Range_RemovesExactlyTheKeysInsideIt(ulong start, ulong end)
    {
        var range = new RingRange(start, end);
        var before = await ScanAllAsync(_engine, RingRange.All);
        var inside = before.Where(k => range.Contains(k.RingPosition)).Select(Id).ToList();

        var removed = await _engine.PurgeRangeAsync(range);

        inside.Should().NotBeEmpty();
        removed.Should().Be(inside.Count);
        (await _engine.CountAsync(range)).Should().Be(new KeyStats(0, 0));
        var after = (await ScanAllAsync(_engine, RingRange.All)).Select(Id).ToList();
        after.Should().BeEquivalentTo(before.Where(k => !range.Contains(k.RingPosition)).Select(Id));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(12345UL)]
    public async Task PurgeRangeAsync_StartEqualsEnd_RemovesWholeRing(ulong point)
    {
        var removed = await _engine.PurgeRangeAsync(new RingRange(point, point));

        removed.Should().Be(KeyCount);
        (await ScanAllAsync(_engine, RingRange.All)).Should().BeEmpty();
        _engine.Stats.Should().Be(new KeyStats(0, 0));
    }

    [Fact]
    public async Task PurgeRangeAsync_TenantFilter_LeavesOtherTenantsKeys()
    {
        var range = new RingRange(3 * Quarter, 2 * Quarter);
        var otherBefore = (await ScanAllAsync(_engine, RingRange.All)).Where(k => k.Tenant != "tenant-1").Select(Id).ToList();
        var expected = await _engine.CountAsync(range, "tenant-1");

        var removed = await _engine.PurgeRangeAsync(range, "tenant-1");

        removed.Should().Be(expected.Keys);
        (await _engine.CountAsync(range, "tenant-1")).Keys.Should().Be(0);
        (await _engine.CountAsync(RingRange.All, "tenant-1")).Keys.Should().Be((KeyCount / 3) - expected.Keys);
        var otherAfter = (await ScanAllAsync(_engine, RingRange.All)).Where(k => k.Tenant != "tenant-1").Select(Id);
        otherAfter.Should().BeEquivalentTo(otherBefore);
    }

    [Fact]
    public async Task PurgeRangeAsync_AfterPurge_CountersMatchStoredKeysAndSurviveReopen()
    {
        var range = new RingRange(Quarter, 3 * Quarter);
        var statsBefore = _engine.Stats;
        var inside = await _engine.CountAsync(range);

        var removed = await _engine.PurgeRangeAsync(range);

        removed.Should().Be(inside.Keys);
        _engine.Stats.Should().Be(new KeyStats(statsBefore.Keys - inside.Keys, statsBefore.Bytes - inside.Bytes));
        _engine.Stats.Should().Be(await _engine.CountAsync(RingRange.All));
        await _engine.DisposeAsync();
        _engine = TestEngines.Open(_directory);
        _engine.Stats.Should().Be(new KeyStats(statsBefore.Keys - inside.Keys, statsBefore.Bytes - inside.Bytes));
    }

    [Fact]
    public async Task PurgeRangeAsync_EmptyRangeOrUnknownTenant_RemovesNothing()
    {
        var statsBefore = _engine.Stats;

        var unknownTenant = await _engine.PurgeRangeAsync(RingRange.All, "nobody");
        var purgedTwice = await _engine.PurgeRangeAsync(new RingRange(0, Quarter)) + await _engine.PurgeRangeAsync(new RingRange(0, Quarter));

        unknownTenant.Should().Be(0);
        purgedTwice.Should().Be(statsBefore.Keys - _engine.Stats.Keys, "the second purge of the same range finds nothing");
        (await _engine.CountAsync(new RingRange(0, Quarter))).Keys.Should().Be(0);
    }

    [Fact]
    public async Task PurgeRangeAsync_TenantWithMoreKeysThanOneChunk_RemovesAllInterleavedWithOthers()
    {
        await WriteKeysAsync(_engine, 2600, _ => "big", "big-");
        var othersBefore = await _engine.CountAsync(RingRange.All, "tenant-0");

        var removed = await _engine.PurgeRangeAsync(RingRange.All, "big");

        removed.Should().Be(2600);
        (await _engine.CountAsync(RingRange.All, "big")).Keys.Should().Be(0);
        (await _engine.CountAsync(RingRange.All, "tenant-0")).Should().Be(othersBefore);
        _engine.Stats.Should().Be(await _engine.CountAsync(RingRange.All));
    }

    [Fact]
    public async Task PurgeRangeAsync_ChunkBoundaryInsideKeysSharingOnePosition_RemovesThemAll()
    {
        // Forces 1200 keys onto one position (impossible to find by hashing), so the first chunk of 1000 ends among
        // keys that share its last position and the next chunk must resume at that position, not after it.
        await WriteKeysAsync(_engine, 1200, _ => "same", "same-");
        using (var connection = TestSqlite.Connection($"Data Source={_engine.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE kv SET ring = 42 WHERE tenant = 'same';";
            command.ExecuteNonQuery();
        }

        var removed = await _engine.PurgeRangeAsync(new RingRange(StoredPositions.FromStored(41), StoredPositions.FromStored(42)));

        removed.Should().Be(1200);
        (await _engine.CountAsync(RingRange.All, "same")).Keys.Should().Be(0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("tenant-1")]
    public void PurgeQuery_QueryPlan_WalksRingIndexWithoutSorting(string? tenant)
    {
        using var connection = TestSqlite.Connection($"Data Source={_engine.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + WriterSession.PurgeSql;
        command.Parameters.AddWithValue("$low", 5);
        command.Parameters.AddWithValue("$high", 500);
        command.Parameters.AddWithValue("$tenant", (object?)tenant ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", 1000);
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        plan.Should().Contain(p => p.Contains("ix_kv_ring", StringComparison.Ordinal));
        plan.Should().NotContain(p => p.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    internal static async Task WriteKeysAsync(StorageEngine engine, int count, Func<int, string> tenant, string keyPrefix)
    {
        var writes = new List<Task<WriteOutcome>>(count);
        for (var i = 0; i < count; i++)
        {
            writes.Add(engine.WriteAsync(tenant(i), keyPrefix + i, Live("value-" + i, i, ("a", 1))).AsTask());
        }

        (await Task.WhenAll(writes)).Should().OnlyContain(o => o.Applied);
    }

    internal static async Task<List<StoredKey>> ScanAllAsync(StorageEngine engine, RingRange range, string? tenant = null)
    {
        var keys = new List<StoredKey>();
        await foreach (var batch in engine.ScanAsync(range, 500, tenant))
        {
            keys.AddRange(batch);
        }

        return keys;
    }

    private static (string Tenant, string Key) Id(StoredKey key) => (key.Tenant, key.Key);
}
