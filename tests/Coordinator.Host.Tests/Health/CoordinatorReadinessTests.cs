using FluentAssertions;
using PairDb.Coordinator.Health;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Health;

/// <summary>Readiness: both stores answer, enough reachable nodes for the smallest tenant RF; pings cached and bounded.</summary>
public sealed class CoordinatorReadinessTests
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PingTimeout = TimeSpan.FromMilliseconds(500);

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private readonly ScriptedReadinessSources _sources = new()
    {
        Tenants = [ScriptedReadinessSources.Tenant("default", 3)],
        Ring = ScriptedReadinessSources.RingOf(active: 3),
    };

    [Fact]
    public async Task CheckAsync_StoresAnswerAndEveryNodeReachable_ReadyWithOneLinePerCondition()
    {
        var readiness = Create();

        var report = await readiness.CheckAsync(CancellationToken.None);

        report.Ready.Should().BeTrue();
        report.Detail.Should().Be(
            "ready\n"
            + "metadata store: ok\n"
            + "idempotency store: ok\n"
            + "storage nodes: 3 of 3 storage nodes reachable, 3 needed (the smallest tenant replication factor)\n");
    }

    [Fact]
    public async Task CheckAsync_MetadataPingThrows_NotReadyNamingTheStoreAndError()
    {
        _sources.MetadataPing = static _ => throw new InvalidOperationException("connection refused");
        var readiness = Create();

        var report = await readiness.CheckAsync(CancellationToken.None);

        report.Ready.Should().BeFalse();
        report.Detail.Should().StartWith("not ready: metadata store unreachable: connection refused\n");
        report.Detail.Should().Contain("idempotency store: ok\n");
    }

    [Fact]
    public async Task CheckAsync_IdempotencyPingFaults_NotReadyNamingTheIdempotencyStore()
    {
        _sources.IdempotencyPing = static _ => Task.FromException(new IOException("redis down"));
        var readiness = Create();

        var report = await readiness.CheckAsync(CancellationToken.None);

        report.Ready.Should().BeFalse();
        report.Detail.Should().StartWith("not ready: idempotency store unreachable: redis down\n");
    }

    [Fact]
    public async Task CheckAsync_IdempotencyPingIgnoresCancellationAndHangs_NotReadyOncePingTimeoutPasses()
    {
        var never = new TaskCompletionSource();
        _sources.IdempotencyPing = _ => never.Task;
        var readiness = Create();

        var check = readiness.CheckAsync(CancellationToken.None);
        check.IsCompleted.Should().BeFalse("the ping has not timed out yet");
        _time.Advance(PingTimeout);
        var report = await check.WaitAsync(TimeSpan.FromSeconds(10));

        report.Ready.Should().BeFalse();
        report.Detail.Should().StartWith("not ready: idempotency store did not answer within 500 ms\n");
    }

    [Fact]
    public async Task CheckAsync_MetadataPingHonoursCancellation_CancelledAtPingTimeoutCountsAsTimeout()
    {
        _sources.MetadataPing = static token => Task.Delay(Timeout.Infinite, token);
        var readiness = Create();

        var check = readiness.CheckAsync(CancellationToken.None);
        _time.Advance(PingTimeout);
        var report = await check.WaitAsync(TimeSpan.FromSeconds(10));

        report.Detail.Should().StartWith("not ready: metadata store did not answer within 500 ms\n");
    }

    [Fact]
    public async Task CheckAsync_FewerReachableNodesThanSmallestTenantRf_NotReady()
    {
        _sources.Tenants = [ScriptedReadinessSources.Tenant("a", 2), ScriptedReadinessSources.Tenant("b", 3)];
        _sources.Ring = ScriptedReadinessSources.RingOf(active: 3, down: 2);
        var readiness = Create();

        var report = await readiness.CheckAsync(CancellationToken.None);

        report.Ready.Should().BeFalse();
        report.Detail.Should().StartWith(
            "not ready: only 1 of 3 storage nodes reachable, 2 needed (the smallest tenant replication factor)\n");
    }

    [Fact]
    public async Task CheckAsync_ReachableNodesEqualSmallestTenantRfButBelowLargest_Ready()
    {
        _sources.Tenants = [ScriptedReadinessSources.Tenant("big", 5), ScriptedReadinessSources.Tenant("small", 2)];
        _sources.Ring = ScriptedReadinessSources.RingOf(active: 5, down: 3);
        var readiness = Create();

        var report = await readiness.CheckAsync(CancellationToken.None);

        report.Ready.Should().BeTrue();
    }

    [Fact]
    public async Task CheckAsync_NoTenantsAndNoReachableNode_NotReadyNeedingOne()
    {
        _sources.Tenants = [];
        _sources.Ring = ScriptedReadinessSources.RingOf(active: 2, down: 2);
        var readiness = Create();

        var report = await readiness.CheckAsync(CancellationToken.None);

        report.Ready.Should().BeFalse();
        report.Detail.Should().StartWith("not ready: only 0 of 2 storage nodes reachable, 1 needed (no tenants yet)\n");
    }

    [Fact]
    public async Task CheckAsync_NoTenantsOneReachableNode_Ready()
    {
        _sources.Tenants = [];
        _sources.Ring = ScriptedReadinessSources.RingOf(active: 2, down: 1);
        var readiness = Create();

        var report = await readiness.CheckAsync(CancellationToken.None);

        report.Ready.Should().BeTrue();
    }

    [Fact]
    public async Task CheckAsync_JoiningAndLeavingNodes_NotCountedAsReachable()
    {
        _sources.Tenants = [ScriptedReadinessSources.Tenant("default", 2)];
        _sources.Ring = ScriptedReadinessSources.RingOf(
            1,
            0,
            new StorageNode("joining", "127.0.0.1", 1, 16, StorageNodeStatus.Joining),
            new StorageNode("removed", "127.0.0.1", 2, 16, StorageNodeStatus.Removed));
        var readiness = Create();

        var report = await readiness.CheckAsync(CancellationToken.None);

        report.Ready.Should().BeFalse();
        report.Detail.Should().Contain("1 of 1 storage nodes reachable, 2 needed");
    }

    [Fact]
    public async Task CheckAsync_TwiceWithinCacheWindow_StoresCalledOnce()
    {
        var readiness = Create();
        await readiness.CheckAsync(CancellationToken.None);

        _time.Advance(CacheFor - TimeSpan.FromMilliseconds(1));
        await readiness.CheckAsync(CancellationToken.None);

        (_sources.MetadataPings, _sources.IdempotencyPings, _sources.TenantListings).Should().Be((1, 1, 1));
    }

    [Fact]
    public async Task CheckAsync_AfterCacheWindow_MeasuresAgainAndSeesTheStoreRecover()
    {
        _sources.MetadataPing = static _ => throw new InvalidOperationException("down");
        var readiness = Create();
        var failing = await readiness.CheckAsync(CancellationToken.None);
        _sources.MetadataPing = static _ => Task.CompletedTask;

        _time.Advance(CacheFor);
        var recovered = await readiness.CheckAsync(CancellationToken.None);

        failing.Ready.Should().BeFalse();
        recovered.Ready.Should().BeTrue();
        _sources.MetadataPings.Should().Be(2);
    }

    [Fact]
    public async Task CheckAsync_RingChangesWithinCacheWindow_ReadsTheCurrentRing()
    {
        var readiness = Create();
        var before = await readiness.CheckAsync(CancellationToken.None);

        _sources.Ring = ScriptedReadinessSources.RingOf(active: 3, down: 3);
        var after = await readiness.CheckAsync(CancellationToken.None);

        before.Ready.Should().BeTrue();
        after.Ready.Should().BeFalse();
        _sources.MetadataPings.Should().Be(1);
    }

    [Fact]
    public async Task CheckAsync_ConcurrentChecksWhileAPingIsPending_ShareOneMeasurement()
    {
        var pending = new TaskCompletionSource();
        _sources.IdempotencyPing = _ => pending.Task;
        var readiness = Create();

        var first = readiness.CheckAsync(CancellationToken.None);
        var second = readiness.CheckAsync(CancellationToken.None);
        pending.SetResult();
        var reports = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        reports.Should().OnlyContain(static r => r.Ready);
        _sources.IdempotencyPings.Should().Be(1);
    }

    [Fact]
    public async Task CheckAsync_CallerCancelsWhileMeasuring_CallerCancelledAndMeasurementKept()
    {
        var pending = new TaskCompletionSource();
        _sources.IdempotencyPing = _ => pending.Task;
        var readiness = Create();
        using var cancel = new CancellationTokenSource();

        var abandoned = readiness.CheckAsync(cancel.Token);
        await cancel.CancelAsync();
        var act = () => abandoned;
        await act.Should().ThrowAsync<OperationCanceledException>();
        pending.SetResult();
        var report = await readiness.CheckAsync(CancellationToken.None);

        report.Ready.Should().BeTrue();
        _sources.IdempotencyPings.Should().Be(1);
    }

    private CoordinatorReadiness Create() => new(_sources.Sources, _time, CacheFor, PingTimeout);
}
