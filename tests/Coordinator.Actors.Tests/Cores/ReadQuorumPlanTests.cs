using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Cores;

public sealed class ReadQuorumPlanTests
{
    private static readonly Func<string, bool> NoneRebuilding = static _ => false;

    [Theory]
    [InlineData(Consistency.One, 1)]
    [InlineData(Consistency.Quorum, 2)]
    [InlineData(Consistency.All, 3)]
    public void Create_NoneRebuilding_KeepsThePreferenceListAndR(Consistency consistency, int required)
    {
        // Act
        var plan = ReadQuorumPlan.Create(TestData.ThreeNodes, consistency, 3, NoneRebuilding);

        // Assert
        plan.Replicas.Should().Equal(TestData.ThreeNodes);
        plan.Rebuilding.Should().BeEmpty();
        (plan.Required, plan.Refusal).Should().Be((required, null));
    }

    [Theory]
    [InlineData(Consistency.One, 1)]
    [InlineData(Consistency.Quorum, 2)]
    [InlineData(Consistency.All, 2)]
    public void Create_OneOfThreeRebuilding_PutsItFirstAndNeedsROfTheOthers(Consistency consistency, int required)
    {
        // Act
        var plan = ReadQuorumPlan.Create(TestData.ThreeNodes, consistency, 3, static id => id == "n2");

        // Assert
        plan.Replicas.Should().Equal(TestData.N2, TestData.N1, TestData.N3);
        plan.Rebuilding.Should().Equal("n2");
        (plan.Required, plan.Refusal).Should().Be((required, null));
    }

    [Fact]
    public void Create_QuorumWithTwoOfThreeRebuilding_IsRefusedNamingThem()
    {
        // Act
        var plan = ReadQuorumPlan.Create(TestData.ThreeNodes, Consistency.Quorum, 3, static id => id != "n1");

        // Assert
        plan.Required.Should().Be(2);
        plan.Refusal.Should().Be(
            "Consistency quorum needs 2 replicas that are not rebuilding, but only 1 of the key's 3 are: n2, n3 are being rebuilt after losing their data and not counted until anti-entropy has refilled them.");
    }

    [Fact]
    public void Create_OneWithTwoOfThreeRebuilding_StillReads()
    {
        // Act
        var plan = ReadQuorumPlan.Create(TestData.ThreeNodes, Consistency.One, 3, static id => id != "n3");

        // Assert
        plan.Replicas.Should().Equal(TestData.N1, TestData.N2, TestData.N3);
        plan.Rebuilding.Should().Equal("n1", "n2");
        (plan.Required, plan.Refusal).Should().Be((1, null));
    }

    [Theory]
    [InlineData(Consistency.One)]
    [InlineData(Consistency.All)]
    public void Create_EveryReplicaRebuilding_IsRefused(Consistency consistency)
    {
        // Act
        var plan = ReadQuorumPlan.Create(TestData.ThreeNodes, consistency, 3, static _ => true);

        // Assert
        plan.Required.Should().Be(1);
        plan.Refusal.Should().Contain("only 0 of the key's 3 are: n1, n2, n3 are being rebuilt");
    }
}
