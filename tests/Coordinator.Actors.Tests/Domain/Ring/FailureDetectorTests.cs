using FluentAssertions;
using PairDb.Actors.Ring;

namespace PairDb.Actors.Tests.Domain.Ring;

public sealed class FailureDetectorTests
{
    [Fact]
    public void IsDown_UnknownNode_Up()
    {
        // Arrange
        var detector = new FailureDetector(3);

        // Act
        var down = detector.IsDown("n1");

        // Assert
        down.Should().BeFalse();
        detector.DownNodes().Should().BeEmpty();
    }

    [Fact]
    public void Record_ThresholdConsecutiveFailures_DownAndReportsTheChangeOnce()
    {
        // Arrange
        var detector = new FailureDetector(3);

        // Act
        var changes = new[] { detector.Record("n1", false), detector.Record("n1", false), detector.Record("n1", false), detector.Record("n1", false) };

        // Assert: only the third failure changed the state.
        changes.Should().Equal(false, false, true, false);
        detector.IsDown("n1").Should().BeTrue();
        detector.DownNodes().Should().BeEquivalentTo(["n1"]);
    }

    [Fact]
    public void Record_SuccessAfterDown_UpAtOnce()
    {
        // Arrange
        var detector = new FailureDetector(2);
        detector.Record("n1", false);
        detector.Record("n1", false);

        // Act
        var changed = detector.Record("n1", true);

        // Assert
        changed.Should().BeTrue();
        detector.IsDown("n1").Should().BeFalse();
    }

    [Fact]
    public void Record_SuccessBetweenFailures_CountStartsAgain()
    {
        // Arrange
        var detector = new FailureDetector(3);
        detector.Record("n1", false);
        detector.Record("n1", false);
        detector.Record("n1", true);

        // Act
        detector.Record("n1", false);
        detector.Record("n1", false);

        // Assert: two consecutive failures, not four.
        detector.IsDown("n1").Should().BeFalse();
        detector.Record("n1", false).Should().BeTrue();
    }

    [Fact]
    public void Record_ThresholdOne_DownAtTheFirstFailure()
    {
        // Arrange
        var detector = new FailureDetector(1);

        // Act
        var changed = detector.Record("n1", false);

        // Assert
        changed.Should().BeTrue();
        detector.IsDown("n1").Should().BeTrue();
    }

    [Fact]
    public void Record_NodesCountedSeparately_OnlyTheFailingOneDown()
    {
        // Arrange
        var detector = new FailureDetector(2);

        // Act
        detector.Record("n1", false);
        detector.Record("n2", false);
        detector.Record("n1", false);
        detector.Record("n2", true);

        // Assert
        detector.DownNodes().Should().BeEquivalentTo(["n1"]);
    }

    [Fact]
    public void Retain_NodeLeftMembership_Forgotten()
    {
        // Arrange
        var detector = new FailureDetector(1);
        detector.Record("n1", false);
        detector.Record("n2", false);

        // Act
        detector.Retain(["n2"]);

        // Assert: n1 is forgotten, so if it comes back it starts up.
        detector.IsDown("n1").Should().BeFalse();
        detector.DownNodes().Should().BeEquivalentTo(["n2"]);
    }

    [Fact]
    public void DownReasons_DownNode_LastFailureReasonUntilItRecovers()
    {
        // Arrange
        var detector = new FailureDetector(2);
        detector.Record("n1", false, "unreachable");

        // Act: the second failure takes n1 down with a new reason; a third with yet another reason is a change too.
        var down = detector.Record("n1", false, "address served by storage node 'n9', not 'n1'");
        var before = detector.DownReasons();
        var reasonChanged = detector.Record("n1", false, "unreachable");
        var recovered = detector.Record("n1", true);

        // Assert
        down.Should().BeTrue();
        before.Should().Equal(new Dictionary<string, string> { ["n1"] = "address served by storage node 'n9', not 'n1'" });
        reasonChanged.Should().BeTrue();
        recovered.Should().BeTrue();
        detector.DownReasons().Should().BeEmpty();
    }

    [Fact]
    public void DownReasons_FailingButNotYetDown_Empty()
    {
        var detector = new FailureDetector(3);

        detector.Record("n1", false, "unreachable");

        detector.DownReasons().Should().BeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_ThresholdBelowOne_Throws(int threshold)
    {
        // Act
        var create = () => new FailureDetector(threshold);

        // Assert
        create.Should().Throw<ArgumentOutOfRangeException>();
    }
}
