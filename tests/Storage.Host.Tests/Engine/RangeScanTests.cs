using FluentAssertions;
using PairDb.Messages.Ring;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

public sealed class RangeScanTests : IAsyncLifetime
{
    private const int KeyCount = 1500;
    private readonly TempDirectory _directory = new();
    private StorageEngine _engine = null!;

    public async Task InitializeAsync()
    {
        _engine = TestEngines.Open(_directory);
        var writes = new List<Task<WriteOutcome>>();
        for (var i = 0; i < KeyCount; i++)
        {
            writes.Add(_engine.WriteAsync("tenant-" + (i % 3), "key-" + i, Live("value-" + i, i, ("a", 1))).AsTask());
        }

        await Task.WhenAll(writes);
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task ScanAsync_RangesSplittingTheRingIncludingWrap_ReturnEachKeyExactlyOnce()
    {
        var random = new Random(7);
        var cuts = new ulong[6];
        for (var i = 0; i < cuts.Length; i++)
        {
            cuts[i] = (ulong)random.NextInt64(long.MinValue, long.MaxValue);
        }

        Array.Sort(cuts);
        var seen = new List<(string Tenant, string Key)>();

        for (var i = 0; i < cuts.Length; i++)
        {
            var range = new RingRange(cuts[i], cuts[(i + 1) % cuts.Length]);
            foreach (var key in await ScanAllAsync(range, batchSize: 7))
            {
                range.Contains(key.RingPosition).Should().BeTrue();
                seen.Add((key.Tenant, key.Key));
            }
        }

        seen.Should().OnlyHaveUniqueItems();
        seen.Should().HaveCount(KeyCount);
    }

    [Fact]
    public async Task ScanAsync_WholeRing_ReturnsEveryKeyWithItsPositionAndVersions()
    {
        var keys = await ScanAllAsync(RingRange.All, batchSize: 100);

        keys.Should().HaveCount(KeyCount);
        foreach (var key in keys)
        {
            key.RingPosition.Should().Be(RingPositions.Compute(key.Tenant, key.Key));
            Text(key.Versions.Single()).Should().Be("value-" + key.Key["key-".Length..]);
        }

        keys.Select(k => k.RingPosition).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task ScanAsync_WrappingRange_ReturnsPositionsClockwiseFromStart()
    {
        var range = new RingRange(ulong.MaxValue - (ulong.MaxValue / 4), ulong.MaxValue / 4);

        var keys = await ScanAllAsync(range, batchSize: 50);

        keys.Should().NotBeEmpty();
        keys.Should().OnlyContain(k => range.Contains(k.RingPosition));
        var firstLowIndex = keys.FindIndex(k => k.RingPosition <= range.End);
        keys.Take(firstLowIndex).Should().OnlyContain(k => k.RingPosition > range.Start);
        keys.Skip(firstLowIndex).Should().OnlyContain(k => k.RingPosition <= range.End);
    }

    [Fact]
    public async Task ScanAsync_TenantFilter_ReturnsOnlyThatTenant()
    {
        var keys = new List<StoredKey>();
        await foreach (var batch in _engine.ScanAsync(RingRange.All, 64, "tenant-1"))
        {
            keys.AddRange(batch);
        }

        keys.Should().HaveCount(KeyCount / 3);
        keys.Should().OnlyContain(k => k.Tenant == "tenant-1");
    }

    [Fact]
    public async Task ScanAsync_SmallByteBound_CutsBatchesButKeepsEveryKey()
    {
        await using var small = TestEngines.Open(_directory, o => o with { MaxScanBatchBytes = 200 });
        var batches = 0;
        var keys = new List<StoredKey>();

        await foreach (var batch in small.ScanAsync(RingRange.All, 1000))
        {
            batches++;
            keys.AddRange(batch);
        }

        batches.Should().BeGreaterThan(KeyCount / 10);
        keys.Select(k => (k.Tenant, k.Key)).Should().OnlyHaveUniqueItems().And.HaveCount(KeyCount);
    }

    [Fact]
    public async Task CountAsync_Ranges_MatchScannedKeysAndSumToStats()
    {
        var ranges = new[] { new RingRange(0, ulong.MaxValue / 2), new RingRange(ulong.MaxValue / 2, 0) };
        long keys = 0;
        long bytes = 0;

        foreach (var range in ranges)
        {
            var count = await _engine.CountAsync(range);
            count.Keys.Should().Be((await ScanAllAsync(range, 500)).Count);
            keys += count.Keys;
            bytes += count.Bytes;
        }

        new KeyStats(keys, bytes).Should().Be(_engine.Stats);
        (await _engine.CountAsync(RingRange.All, "tenant-2")).Keys.Should().Be(KeyCount / 3);
    }

    [Fact]
    public async Task ScanAsync_WhileWriting_ReturnsEveryPreexistingKeyOnce()
    {
        var seen = new List<(string Tenant, string Key)>();
        var written = 0;

        await foreach (var batch in _engine.ScanAsync(RingRange.All, 25))
        {
            foreach (var key in batch)
            {
                seen.Add((key.Tenant, key.Key));
            }

            // Between batches: add new keys and replace versions of existing ones (both ahead of and behind the cursor).
            for (var i = 0; i < 5; i++, written++)
            {
                await _engine.WriteAsync("tenant-new", "fresh-" + written, Live("n", 1, ("a", 1)));
                var existing = (written * 37) % KeyCount;
                await _engine.WriteAsync("tenant-" + (existing % 3), "key-" + existing, Live("updated", 99, ("a", 2)));
            }
        }

        seen.Should().OnlyHaveUniqueItems();
        for (var i = 0; i < KeyCount; i++)
        {
            seen.Should().Contain(("tenant-" + (i % 3), "key-" + i));
        }

        (await ScanAllAsync(RingRange.All, 500)).Should().HaveCount(KeyCount + written);
    }

    [Fact]
    public async Task ScanAsync_KeysSharingOnePosition_EachReturnedOnceAcrossPages()
    {
        // Forces a position collision (impossible to find by hashing) to exercise the (ring, tenant, key) cursor.
        using (var connection = TestSqlite.Connection($"Data Source={_engine.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE kv SET ring = 42 WHERE key IN ('key-1', 'key-2', 'key-3', 'key-4', 'key-5');";
            command.ExecuteNonQuery();
        }

        var keys = new List<StoredKey>();
        await foreach (var batch in _engine.ScanAsync(new RingRange(StoredPositions.FromStored(41), StoredPositions.FromStored(42)), 1))
        {
            batch.Should().HaveCount(1);
            keys.AddRange(batch);
        }

        keys.Select(k => k.Key).Should().BeEquivalentTo("key-1", "key-2", "key-3", "key-4", "key-5");
    }

    [Theory]
    [InlineData(ReadSession.ScanFirstSql, null)]
    [InlineData(ReadSession.ScanNextSql, null)]
    [InlineData(ReadSession.ScanNextSql, "tenant-1")]
    [InlineData(ReadSession.DigestSql, null)]
    [InlineData(WriterSession.CollectableSql, null)]
    public void ScanQueries_QueryPlan_WalkRingIndexWithoutSorting(string sql, string? tenant)
    {
        // A sort would hold every examined row (the digest's and collection's walks read no versions, but any sort of
        // a page would still gather it whole before the first row came back).
        using var connection = TestSqlite.Connection($"Data Source={_engine.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in new[] { "$low", "$high", "$ring", "$afterTenant", "$afterKey", "$limit" })
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue(name, name == "$afterTenant" || name == "$afterKey" ? "a" : 5);
            }
        }

        if (sql.Contains("$tenant ", StringComparison.Ordinal) || sql.Contains("$tenant)", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$tenant", (object?)tenant ?? DBNull.Value);
        }

        if (sql.Contains("$tenants", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$tenants", "[\"tenant-1\"]");
        }

        if (sql.Contains("$cutoff", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$cutoff", 5);
        }

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

    private async Task<List<StoredKey>> ScanAllAsync(RingRange range, int batchSize)
    {
        var keys = new List<StoredKey>();
        await foreach (var batch in _engine.ScanAsync(range, batchSize))
        {
            batch.Count.Should().BeInRange(1, batchSize);
            keys.AddRange(batch);
        }

        return keys;
    }
}
