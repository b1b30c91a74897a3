using FluentAssertions;
using PairDb.Coordinator.Memory;

namespace PairDb.Coordinator.Tests.Memory;

public sealed class IdleTrimRuleTests
{
    private const long Quiet = 1024 * 1024;
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(30);

    [Fact]
    public void Observe_FirstReading_NeverTrims()
    {
        var rule = new IdleTrimRule(IdleAfter, Quiet);

        rule.Observe(Start, 500_000_000).Should().BeFalse();
    }

    [Fact]
    public void Observe_QuietForTheIdleTimeAfterStartUp_TrimsOnce()
    {
        // Arrange
        var rule = new IdleTrimRule(IdleAfter, Quiet);
        rule.Observe(Start, 100_000_000);

        // Act
        var trims = Ticks(rule, from: Start, count: 20, every: TimeSpan.FromSeconds(5), allocatedPerTick: 1000, allocatedAtStart: 100_000_000);

        // Assert: start-up was the burst; quiet from then on, so one trim once 30 s have passed, and no more.
        trims.Should().Equal(Start.AddSeconds(30));
    }

    [Fact]
    public void Observe_BusyThroughout_NeverTrims()
    {
        var rule = new IdleTrimRule(IdleAfter, Quiet);
        rule.Observe(Start, 0);

        var trims = Ticks(rule, from: Start, count: 40, every: TimeSpan.FromSeconds(5), allocatedPerTick: 50 * Quiet, allocatedAtStart: 0);

        trims.Should().BeEmpty();
    }

    [Fact]
    public void Observe_ABurstAfterATrim_TrimsAgainOnceQuietForTheIdleTime()
    {
        // Arrange: start-up, quiet, trimmed at 30 s.
        var rule = new IdleTrimRule(IdleAfter, Quiet);
        rule.Observe(Start, 0);
        Ticks(rule, from: Start, count: 8, every: TimeSpan.FromSeconds(5), allocatedPerTick: 0, allocatedAtStart: 0).Should().ContainSingle();

        // Act: a burst at 45 s (100 MB in 5 s), then quiet again.
        var burstAt = Start.AddSeconds(45);
        rule.Observe(burstAt, 100_000_000).Should().BeFalse();
        var trims = Ticks(rule, from: burstAt, count: 10, every: TimeSpan.FromSeconds(5), allocatedPerTick: 0, allocatedAtStart: 100_000_000);

        // Assert
        trims.Should().Equal(burstAt.AddSeconds(30));
    }

    [Fact]
    public void Observe_AllocationJustBelowTheQuietRate_CountsAsIdle()
    {
        var rule = new IdleTrimRule(IdleAfter, Quiet);
        rule.Observe(Start, 0);

        // 5 s at just under 1 MiB/s.
        var trims = Ticks(rule, from: Start, count: 8, every: TimeSpan.FromSeconds(5), allocatedPerTick: (5 * Quiet) - 1, allocatedAtStart: 0);

        trims.Should().Equal(Start.AddSeconds(30));
    }

    [Fact]
    public void Observe_ABusyTickInsideTheIdleTime_RestartsTheWait()
    {
        // Arrange
        var rule = new IdleTrimRule(IdleAfter, Quiet);
        rule.Observe(Start, 0);
        rule.Observe(Start.AddSeconds(20), 0).Should().BeFalse();

        // Act: busy at 25 s, then quiet.
        rule.Observe(Start.AddSeconds(25), 200 * Quiet).Should().BeFalse();
        var trims = Ticks(rule, from: Start.AddSeconds(25), count: 8, every: TimeSpan.FromSeconds(5), allocatedPerTick: 0, allocatedAtStart: 200 * Quiet);

        // Assert
        trims.Should().Equal(Start.AddSeconds(55));
    }

    [Fact]
    public void Constructor_IdleTimeNotPositive_Throws()
    {
        var construct = () => new IdleTrimRule(TimeSpan.Zero, Quiet);

        construct.Should().Throw<ArgumentOutOfRangeException>();
    }

    /// <summary>Feeds <paramref name="count"/> ticks after <paramref name="from"/>; returns the times the rule said trim.</summary>
    private static List<DateTime> Ticks(IdleTrimRule rule, DateTime from, int count, TimeSpan every, long allocatedPerTick, long allocatedAtStart)
    {
        var trims = new List<DateTime>();
        var allocated = allocatedAtStart;
        for (var i = 1; i <= count; i++)
        {
            allocated += allocatedPerTick;
            var now = from + (every * i);
            if (rule.Observe(now, allocated))
            {
                trims.Add(now);
            }
        }

        return trims;
    }
}
