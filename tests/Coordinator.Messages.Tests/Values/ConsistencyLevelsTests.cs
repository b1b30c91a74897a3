using FluentAssertions;
using PairDb.Messages.Values;

namespace PairDb.Messages.Tests.Values;

public sealed class ConsistencyLevelsTests
{
    [Theory]
    [InlineData("one", Consistency.One)]
    [InlineData("ONE", Consistency.One)]
    [InlineData("One", Consistency.One)]
    [InlineData("quorum", Consistency.Quorum)]
    [InlineData("QUORUM", Consistency.Quorum)]
    [InlineData("all", Consistency.All)]
    [InlineData("aLL", Consistency.All)]
    [InlineData("", Consistency.Quorum)]
    [InlineData(null, Consistency.Quorum)]
    public void TryParse_KnownNames_Parses(string? text, Consistency expected)
    {
        var parsed = ConsistencyLevels.TryParse(text, out var consistency);

        parsed.Should().BeTrue();
        consistency.Should().Be(expected);
    }

    [Theory]
    [InlineData("two")]
    [InlineData(" one")]
    [InlineData("quorum ")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("local_quorum")]
    public void TryParse_UnknownNames_Fails(string text)
    {
        var parsed = ConsistencyLevels.TryParse(text, out _);

        parsed.Should().BeFalse();
    }

    [Theory]
    [InlineData(Consistency.One, "one")]
    [InlineData(Consistency.Quorum, "quorum")]
    [InlineData(Consistency.All, "all")]
    public void Name_EveryLevel_RoundTripsThroughTryParse(Consistency consistency, string expected)
    {
        var name = ConsistencyLevels.Name(consistency);

        name.Should().Be(expected);
        ConsistencyLevels.TryParse(name, out var parsed).Should().BeTrue();
        parsed.Should().Be(consistency);
    }

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(2, 1, 2, 2)]
    [InlineData(3, 1, 2, 3)]
    [InlineData(4, 1, 3, 4)]
    [InlineData(5, 1, 3, 5)]
    [InlineData(6, 1, 4, 6)]
    [InlineData(7, 1, 4, 7)]
    [InlineData(8, 1, 5, 8)]
    [InlineData(9, 1, 5, 9)]
    [InlineData(10, 1, 6, 10)]
    public void Required_ReplicationFactor1To10_MatchesTable(int rf, int one, int quorum, int all)
    {
        ConsistencyLevels.Required(Consistency.One, rf).Should().Be(one);
        ConsistencyLevels.Required(Consistency.Quorum, rf).Should().Be(quorum);
        ConsistencyLevels.Required(Consistency.All, rf).Should().Be(all);
    }

    [Fact]
    public void Required_QuorumReadAndWrite_AlwaysOverlap()
    {
        for (var rf = 1; rf <= 10; rf++)
        {
            var quorum = ConsistencyLevels.Required(Consistency.Quorum, rf);

            (quorum + quorum).Should().BeGreaterThan(rf, $"RF {rf}: a quorum read must meet every quorum write");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Required_ReplicationFactorBelowOne_Throws(int rf)
    {
        var act = () => ConsistencyLevels.Required(Consistency.Quorum, rf);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
