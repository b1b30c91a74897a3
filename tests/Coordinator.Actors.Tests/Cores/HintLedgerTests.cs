using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Actors.Tests.Domain.Support;

namespace PairDb.Actors.Tests.Cores;

public sealed class HintLedgerTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Window = TimeSpan.FromHours(3);

    [Fact]
    public void Admit_WithinCap_CountedPendingPerNode()
    {
        // Arrange
        var ledger = new HintLedger(Window, maxBytes: 1000);

        // Act
        var first = ledger.Admit("n1", 100, T0);
        var second = ledger.Admit("n1", 150, T0);
        var third = ledger.Admit("n2", 50, T0);

        // Assert
        new[] { first, second, third }.Should().OnlyContain(static a => a == HintAdmission.Stored);
        ledger.Pending().Should().Equal(new PendingHints("n1", 2, 250), new PendingHints("n2", 1, 50));
        ledger.TotalBytes.Should().Be(300);
    }

    [Fact]
    public void Admit_PastTheSizeCap_RefusedOverCapAndNothingCounted()
    {
        // Arrange
        var ledger = new HintLedger(Window, maxBytes: 250);
        ledger.Admit("n1", 200, T0);

        // Act
        var over = ledger.Admit("n2", 51, T0);
        var exact = ledger.Admit("n2", 50, T0);

        // Assert: the cap holds all nodes' hints together; a hint that fits exactly is kept.
        over.Should().Be(HintAdmission.OverCap);
        exact.Should().Be(HintAdmission.Stored);
        ledger.TotalBytes.Should().Be(250);
        ledger.PendingCount("n2").Should().Be(1);
    }

    [Fact]
    public void Admit_NodeDownLongerThanTheWindow_RefusedPastWindow()
    {
        // Arrange
        var ledger = new HintLedger(Window, maxBytes: 1000);
        ledger.ObserveDown(new HashSet<string> { "n2" }, T0);

        // Act
        var atTheWindow = ledger.Admit("n2", 10, T0 + Window);
        var pastIt = ledger.Admit("n2", 10, T0 + Window + TimeSpan.FromSeconds(1));
        var otherNode = ledger.Admit("n1", 10, T0 + Window + TimeSpan.FromSeconds(1));

        // Assert
        atTheWindow.Should().Be(HintAdmission.Stored);
        pastIt.Should().Be(HintAdmission.PastWindow);
        otherNode.Should().Be(HintAdmission.Stored);
    }

    [Fact]
    public void ObserveDown_NodeSeenUpThenDownAgain_StartsAFreshWindow()
    {
        // Arrange
        var ledger = new HintLedger(Window, maxBytes: 1000);
        var down = new HashSet<string> { "n2" };
        ledger.ObserveDown(down, T0);
        ledger.ObserveDown(down, T0 + TimeSpan.FromHours(1));

        // Act: up, then down again four hours after it first went down.
        ledger.ObserveDown(new HashSet<string>(), T0 + TimeSpan.FromHours(2));
        ledger.ObserveDown(down, T0 + TimeSpan.FromHours(4));

        // Assert: still down the whole time would refuse at 7 h; the fresh window from 4 h admits.
        ledger.Admit("n2", 10, T0 + TimeSpan.FromHours(7)).Should().Be(HintAdmission.Stored);
        ledger.Admit("n2", 10, T0 + TimeSpan.FromHours(7) + TimeSpan.FromSeconds(1)).Should().Be(HintAdmission.PastWindow);
    }

    [Fact]
    public void ExpiryCutoff_OneWindowBeforeNow()
    {
        new HintLedger(Window, 1).ExpiryCutoff(T0).Should().Be(T0 - Window);
    }

    [Fact]
    public void Remove_EveryHintOfANode_NodeLeavesPendingAndBytesFreed()
    {
        // Arrange
        var ledger = new HintLedger(Window, maxBytes: 300);
        ledger.Load([new PendingHints("n1", 3, 300)]);
        ledger.Admit("n1", 1, T0).Should().Be(HintAdmission.OverCap);

        // Act
        ledger.Remove(new PendingHints("n1", 2, 200));
        var afterPartial = ledger.PendingCount("n1");
        ledger.Remove(new PendingHints("n1", 1, 100));

        // Assert
        afterPartial.Should().Be(1);
        ledger.Pending().Should().BeEmpty();
        ledger.TotalBytes.Should().Be(0);
        ledger.Admit("n1", 300, T0).Should().Be(HintAdmission.Stored);
    }

    [Fact]
    public void SizeOf_CountsKeyValueClockAndOverhead()
    {
        // Arrange: value "abc" (3), clock entries "x" and "yy" (1 + 8, 2 + 8), writer "coord-a" (7).
        var version = TestData.Version("abc", 10, ("x", 1), ("yy", 2));

        // Act
        var size = HintLedger.SizeOf("t1", "key", version);

        // Assert
        size.Should().Be(HintLedger.OverheadBytes + 2 + 3 + 3 + version.CoordinatorId.Length + 9 + 10);
    }
}
