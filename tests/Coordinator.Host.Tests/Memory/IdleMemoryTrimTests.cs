using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using PairDb.Coordinator.Memory;

namespace PairDb.Coordinator.Tests.Memory;

public sealed class IdleMemoryTrimTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_QuietAfterStartUp_TrimsOnceAfterTheIdleTime()
    {
        // Arrange: nothing allocates after start-up, so the service is idle from its first tick.
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var trimmed = 0;
        using var service = new IdleMemoryTrim(
            TimeSpan.FromSeconds(8), 1024, NullLogger<IdleMemoryTrim>.Instance, time, static () => 1_000_000, () => Interlocked.Increment(ref trimmed));
        await service.StartAsync(CancellationToken.None);

        // Act: the clock moves on in ticks of 2 s (a quarter of the idle time).
        var deadline = DateTime.UtcNow + Bound;
        while (Volatile.Read(ref trimmed) == 0)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "an idle coordinator trims once memory.idle_trim_after has passed");
            time.Advance(IdleMemoryTrim.TickFor(TimeSpan.FromSeconds(8)));
            await Task.Delay(10);
        }

        for (var i = 0; i < 20; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
        }

        await service.StopAsync(CancellationToken.None);

        // Assert
        trimmed.Should().Be(1, "a second trim needs a burst in between");
        service.Trims.Should().Be(1);
    }

    [Theory]
    [InlineData(100, 250)]
    [InlineData(8_000, 2_000)]
    [InlineData(30_000, 7_500)]
    [InlineData(3_600_000, 10_000)]
    public void TickFor_AQuarterOfTheIdleTimeWithinBounds(int idleMs, int tickMs)
    {
        IdleMemoryTrim.TickFor(TimeSpan.FromMilliseconds(idleMs)).Should().Be(TimeSpan.FromMilliseconds(tickMs));
    }
}
