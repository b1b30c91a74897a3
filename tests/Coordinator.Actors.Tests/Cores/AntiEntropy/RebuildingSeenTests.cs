using FluentAssertions;
using PairDb.Actors.Cores;

namespace PairDb.Actors.Tests.Cores.AntiEntropy;

public sealed class RebuildingSeenTests
{
    private static readonly DateTimeOffset Mark = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Observe_MarkFromAClockBehindTheScheduler_JudgedFromWhenTheSchedulerFirstSawIt()
    {
        // Arrange: the detecting coordinator's clock runs 30 s behind the scheduler's.
        var seen = new RebuildingSeen();
        var first = Mark.AddSeconds(30);

        // Act
        var judged = seen.Observe(Marks(("n3", Mark)), first);
        var later = seen.Observe(Marks(("n3", Mark)), first.AddMinutes(5));

        // Assert: a sync must begin after the scheduler first saw the mark, and that moment does not move on.
        judged["n3"].Should().Be(first);
        later["n3"].Should().Be(first);
    }

    [Fact]
    public void Observe_MarkFromAClockAheadOfTheScheduler_JudgedFromWhenTheSchedulerSawItNeverFromItsFuture()
    {
        var seen = new RebuildingSeen();
        var now = Mark.AddSeconds(-10);

        var judged = seen.Observe(Marks(("n3", Mark)), now);

        judged["n3"].Should().Be(now);
    }

    [Fact]
    public void Observe_NodeWipedAgain_NewMarkSeenAfresh()
    {
        var seen = new RebuildingSeen();
        seen.Observe(Marks(("n3", Mark)), Mark.AddSeconds(1));
        var second = Mark.AddMinutes(10);

        var judged = seen.Observe(Marks(("n3", second)), second.AddSeconds(20));

        judged["n3"].Should().Be(second.AddSeconds(20));
    }

    [Fact]
    public void Observe_MarkCleared_ForgottenSoALaterMarkIsSeenAfresh()
    {
        var seen = new RebuildingSeen();
        seen.Observe(Marks(("n3", Mark)), Mark.AddSeconds(1));

        seen.Observe(Marks(), Mark.AddMinutes(1)).Should().BeEmpty();
        seen.Observe(Marks(("n3", Mark)), Mark.AddMinutes(2))["n3"].Should().Be(Mark.AddMinutes(2));
    }

    private static Dictionary<string, DateTimeOffset> Marks(params (string Node, DateTimeOffset Since)[] marks) =>
        marks.ToDictionary(static m => m.Node, static m => m.Since, StringComparer.Ordinal);
}
