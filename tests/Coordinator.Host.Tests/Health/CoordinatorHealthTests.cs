using FluentAssertions;
using PairDb.Coordinator.Health;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Tests.Health;

/// <summary>What every probe reads: starting, shutting down, or the measured readiness.</summary>
public sealed class CoordinatorHealthTests : IDisposable
{
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private readonly DrainGate _drain = new();
    private readonly ScriptedReadinessSources _sources = new() { Ring = ScriptedReadinessSources.RingOf(active: 1) };

    public void Dispose() => _drain.Dispose();

    [Fact]
    public async Task CheckAsync_RuntimeNotStarted_NotReadyStarting()
    {
        var health = new CoordinatorHealth(_drain, static () => null);

        var report = await health.CheckAsync(CancellationToken.None);

        report.Should().Be(new ReadinessReport(false, "not ready: starting\n"));
    }

    [Fact]
    public async Task CheckAsync_Running_ReportsTheMeasuredReadiness()
    {
        var readiness = new CoordinatorReadiness(_sources.Sources, _time);
        var health = new CoordinatorHealth(_drain, () => readiness);

        var report = await health.CheckAsync(CancellationToken.None);

        report.Ready.Should().BeTrue();
        report.Detail.Should().StartWith("ready\n");
    }

    [Fact]
    public async Task CheckAsync_Draining_NotReadyShuttingDownWithoutTouchingTheStores()
    {
        var readiness = new CoordinatorReadiness(_sources.Sources, _time);
        var health = new CoordinatorHealth(_drain, () => readiness);

        _drain.BeginDrain();
        var report = await health.CheckAsync(CancellationToken.None);

        report.Should().Be(new ReadinessReport(false, "not ready: shutting down\n"));
        _sources.MetadataPings.Should().Be(0);
    }

    [Fact]
    public async Task CheckAsync_DrainBeginsWhileMeasuring_ShuttingDownWins()
    {
        var pending = new TaskCompletionSource();
        _sources.MetadataPing = _ => pending.Task;
        var readiness = new CoordinatorReadiness(_sources.Sources, _time);
        var health = new CoordinatorHealth(_drain, () => readiness);

        var check = health.CheckAsync(CancellationToken.None);
        _drain.BeginDrain();
        pending.SetResult();
        var report = await check.WaitAsync(TimeSpan.FromSeconds(10));

        report.Detail.Should().Be("not ready: shutting down\n");
    }
}
