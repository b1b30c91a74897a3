using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using PairDb.Storage.Engine;
using PairDb.Storage.Hosting;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Hosting;

public sealed class TombstoneCollectorTests : IAsyncLifetime
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private StorageEngine _engine = null!;
    private TombstoneCollector _collector = null!;

    public async Task InitializeAsync()
    {
        _engine = TestEngines.Open(_directory, o => o with { TombstoneGrace = Grace }, _time);
        _collector = new TombstoneCollector(_engine, Interval, _time, NullLogger.Instance);
        await _collector.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _collector.StopAsync(CancellationToken.None);
        _collector.Dispose();
        await _engine.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Sweep_TicksBeforeGrace_KeepTombstone()
    {
        await _engine.WriteAsync("t", "gone", Tombstone(1, ("a", 1)));

        for (var i = 0; i < 9; i++)
        {
            _time.Advance(Interval);
        }

        await Task.Delay(200);
        (await _engine.ReadAsync("t", "gone")).Should().HaveCount(1);
        _collector.Collected.Should().Be(0);
    }

    [Fact]
    public async Task Sweep_TickAfterGrace_CollectsTombstoneOnlyKey()
    {
        await _engine.WriteAsync("t", "gone", Tombstone(1, ("a", 1)));
        await _engine.WriteAsync("t", "kept", Live("v", 1, ("a", 1)));

        for (var i = 0; i < 11; i++)
        {
            _time.Advance(Interval);
        }

        await WaitUntilAsync(() => _collector.Collected == 1);
        (await _engine.ReadAsync("t", "gone")).Should().BeEmpty();
        (await _engine.ReadAsync("t", "kept")).Should().HaveCount(1);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the sweep should have run after the timer fired");
            await Task.Delay(20);
        }
    }
}
