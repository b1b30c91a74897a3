using FluentAssertions;
using Grpc.Core;
using PairDb.Coordinator.Edge;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Edge.Batches;

public sealed class WriteConditionsTests
{
    [Fact]
    public void TryFrom_Nothing_None()
    {
        WriteConditions.TryFrom(null, null, ifAbsent: false, out var conditions).Should().BeNull();

        conditions.Should().BeSameAs(WriteConditions.None);
    }

    [Fact]
    public void TryFrom_IfClock_ConvertedToTheDomainClock()
    {
        WriteConditions.TryFrom(null, Clock(("b", 2), ("a", 1)), ifAbsent: false, out var conditions).Should().BeNull();

        conditions.IfClock!.Count.Should().Be(2);
        conditions.Context.Should().BeNull();
    }

    [Theory]
    [InlineData(true, true, false, "At most one of context, if_clock and if_absent")]
    [InlineData(true, false, true, "At most one of context, if_clock and if_absent")]
    public void TryFrom_TwoSet_InvalidArgument(bool context, bool ifClock, bool ifAbsent, string message)
    {
        var failure = WriteConditions.TryFrom(context ? Clock(("a", 1)) : null, ifClock ? Clock(("a", 1)) : null, ifAbsent, out _);

        failure!.Code.Should().Be(StatusCode.InvalidArgument);
        failure.Message.Should().Contain(message);
    }

    [Theory]
    [InlineData("", 1, "context.entries[0].coordinator_node_id must be 1..256 bytes (got 0).")]
    [InlineData("a", 0, "context.entries[0].logical_timestamp must be positive (got 0).")]
    public void TryFrom_BadEntry_NamesTheField(string id, long counter, string message)
    {
        var failure = WriteConditions.TryFrom(Clock((id, counter)), null, ifAbsent: false, out _);

        failure.Should().Be(KeyFailure.InvalidArgument(message));
    }

    [Fact]
    public void TryFrom_CoordinatorTwice_InvalidArgument()
    {
        var failure = WriteConditions.TryFrom(null, Clock(("a", 1), ("a", 2)), ifAbsent: false, out _);

        failure!.Message.Should().Be("if_clock names a coordinator more than once.");
    }

    private static VectorClock Clock(params (string Id, long Counter)[] entries)
    {
        var clock = new VectorClock();
        foreach (var (id, counter) in entries)
        {
            clock.Entries.Add(new VectorClockEntry { CoordinatorNodeId = id, LogicalTimestamp = counter });
        }

        return clock;
    }
}
