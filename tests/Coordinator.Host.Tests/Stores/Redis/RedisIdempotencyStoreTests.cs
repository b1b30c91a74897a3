using FluentAssertions;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Stores;
using PairDb.Coordinator.Stores.Redis;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Messages.Values;
using StackExchange.Redis;

namespace PairDb.Coordinator.Tests.Stores.Redis;

/// <summary>
/// The idempotency contract against the test Redis. Redis expires records on its own clock, so this class runs the
/// contract with short real durations (seconds) and lets time pass by waiting; every test uses its own key prefix.
/// </summary>
public sealed class RedisIdempotencyStoreTests : IdempotencyStoreContract
{
    private static readonly IdempotencyStoreOptions ShortOptions = new()
    {
        Retention = TimeSpan.FromSeconds(8),
    };

    private static readonly IdempotentWriteResult Result = new(VectorClock.Empty.Increment("coord-a"), 3, Consistency.Quorum);

    private readonly string _prefix = "pairdb:idem:test-" + Guid.NewGuid().ToString("N") + ":";

    protected override IdempotencyStoreOptions Options => ShortOptions;

    protected override TimeSpan ClaimHold => TimeSpan.FromSeconds(5);

    protected override DateTime Now => DateTime.UtcNow;

    // Far from either expiry on both sides, so a slow test machine still looks before or after it as intended: with
    // 800 ms a claim sent 2.2 s into a 3 s retention once arrived after it on a loaded CI-sized machine. Twice the
    // slack stays below the claim timeout (a claim waits that long before it is completed).
    protected override TimeSpan Slack => TimeSpan.FromMilliseconds(1600);

    [Fact]
    public void RecordKey_DefaultPrefix_IsPairdbIdemTenantKey()
    {
        RedisIdempotencyStore.DefaultKeyPrefix.Should().Be("pairdb:idem:");
    }

    [Fact]
    public async Task ClaimAsync_FreeKey_StoresAPendingRecordThatExpiresWhenTheClaimLapses()
    {
        var store = (RedisIdempotencyStore)await OpenAsync();

        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        var (fields, ttl) = await InspectAsync(store.RecordKey("t1", "k1"));
        store.RecordKey("t1", "k1").Should().Be(_prefix + "t1:k1");
        fields.Keys.Should().BeEquivalentTo("s", "f", "u");
        (fields["s"], fields["f"]).Should().Be(("p", "fp-a"));
        var lapsesAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields["u"], System.Globalization.CultureInfo.InvariantCulture));
        lapsesAt.Should().BeCloseTo(HeldUntil, ClaimHold);
        ttl.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(ClaimHold);
    }

    [Fact]
    public async Task RecordStampAsync_OwnClaim_StoresTheEncodedStampAndKeepsTheRecordForTheRetention()
    {
        var store = (RedisIdempotencyStore)await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);
        var stamp = new RecordedStamp(Result.Clock, Result.Clock, 5, "coord-a");

        await store.RecordStampAsync("t1", "k1", "fp-a", stamp, CancellationToken.None);

        var (fields, ttl) = await InspectAsync(store.RecordKey("t1", "k1"));
        fields.Keys.Should().BeEquivalentTo("s", "f", "u", "k");
        ttl.Should().BeGreaterThan(ClaimHold).And.BeLessThanOrEqualTo(Options.Retention);
    }

    [Fact]
    public async Task CompleteAsync_OwnClaim_StoresTheEncodedResultForTheRetention()
    {
        var store = (RedisIdempotencyStore)await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        await store.CompleteAsync("t1", "k1", "fp-a", Result, CancellationToken.None);

        var (fields, ttl) = await InspectAsync(store.RecordKey("t1", "k1"));
        fields.Keys.Should().BeEquivalentTo("s", "f", "r");
        fields["s"].Should().Be("c");
        ttl.Should().BeGreaterThan(ClaimHold).And.BeLessThanOrEqualTo(ShortOptions.Retention);
    }

    [Fact]
    public async Task ReleaseAsync_OwnClaim_DeletesTheRecord()
    {
        var store = (RedisIdempotencyStore)await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        await store.ReleaseAsync("t1", "k1", "fp-a", CancellationToken.None);

        (await InspectAsync(store.RecordKey("t1", "k1"))).Fields.Should().BeEmpty();
    }

    protected override Task AdvanceAsync(TimeSpan by) => Task.Delay(by);

    protected override async Task<IIdempotencyStore> CreateStoreAsync(TimeProvider time, IdempotencyStoreOptions options) =>
        await RedisIdempotencyStore.ConnectAsync(TestServers.RedisConfiguration, options, _prefix);

    /// <summary>The record's fields and remaining TTL, read over a connection of the test's own.</summary>
    private static async Task<(Dictionary<string, string> Fields, TimeSpan? Ttl)> InspectAsync(string key)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(TestServers.RedisConfiguration);
        var database = connection.GetDatabase();
        var entries = await database.HashGetAllAsync(key);
        var fields = new Dictionary<string, string>();
        foreach (var entry in entries)
        {
            fields[entry.Name!] = entry.Value!;
        }

        return (fields, await database.KeyTimeToLiveAsync(key));
    }
}
