using FluentAssertions;
using Grpc.Core;
using PairDb.Coordinator.Edge;
using PairDb.Messages.Values;
using ClientClock = PairDb.Protocol.Coordinator.VectorClock;
using ClientEntry = PairDb.Protocol.Coordinator.VectorClockEntry;
using ConditionDetail = PairDb.Protocol.Coordinator.WriteConditionFailed;
using ConditionFailed = PairDb.Messages.Protocols.WriteConditionFailed;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>A write's context and condition as the client sent them: checks, conversion, and a failed condition's status.</summary>
public sealed class WriteConditionsTests
{
    [Fact]
    public void From_NothingSet_None()
    {
        WriteConditions.From(null, null, ifAbsent: false).Should().BeSameAs(WriteConditions.None);
    }

    [Fact]
    public void From_Context_ConvertedWithItsEntries()
    {
        var conditions = WriteConditions.From(Clock(("coord-b", 2), ("coord-a", 5)), null, ifAbsent: false);

        conditions.Context.Should().Be(VectorClock.From([new ClockEntry("coord-a", 5), new ClockEntry("coord-b", 2)]));
        (conditions.IfClock, conditions.IfAbsent).Should().Be((null, false));
    }

    [Fact]
    public void From_EmptyIfClock_KeptAsTheEmptyClock()
    {
        WriteConditions.From(null, new ClientClock(), ifAbsent: false).IfClock.Should().Be(VectorClock.Empty);
    }

    [Theory]
    [InlineData(true, true, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    public void From_TwoOfContextIfClockIfAbsent_InvalidArgument(bool context, bool ifClock, bool ifAbsent)
    {
        var act = () => WriteConditions.From(context ? Clock(("a", 1)) : null, ifClock ? Clock(("a", 1)) : null, ifAbsent);

        var error = act.Should().Throw<RpcException>().Which;
        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().StartWith("At most one of context, if_clock and if_absent may be set");
    }

    [Theory]
    [InlineData("", 1, "context.entries[0].coordinator_node_id must be 1..256 bytes (got 0).")]
    [InlineData("a", 0, "context.entries[0].logical_timestamp must be positive (got 0).")]
    [InlineData("a", -3, "context.entries[0].logical_timestamp must be positive (got -3).")]
    public void From_BadEntry_InvalidArgumentNamingIt(string id, long counter, string message)
    {
        var act = () => WriteConditions.From(Clock((id, counter)), null, ifAbsent: false);

        act.Should().Throw<RpcException>().Which.Status.Should().Be(new Status(StatusCode.InvalidArgument, message));
    }

    [Fact]
    public void From_IdOverTheLimit_InvalidArgument()
    {
        var act = () => WriteConditions.From(null, Clock((new string('x', 257), 1)), ifAbsent: false);

        act.Should().Throw<RpcException>().Which.Status.Detail.Should().Be("if_clock.entries[0].coordinator_node_id must be 1..256 bytes (got 257).");
    }

    [Fact]
    public void From_SameIdTwice_InvalidArgument()
    {
        var act = () => WriteConditions.From(null, Clock(("a", 1), ("a", 2)), ifAbsent: false);

        act.Should().Throw<RpcException>().Which.Status.Detail.Should().Be("if_clock names a coordinator more than once.");
    }

    [Fact]
    public void From_MoreEntriesThanTheLimit_InvalidArgument()
    {
        var entries = Enumerable.Range(0, WriteConditions.MaxEntries + 1).Select(i => ("c" + i, 1L)).ToArray();

        var act = () => WriteConditions.From(Clock(entries), null, ifAbsent: false);

        act.Should().Throw<RpcException>().Which.Status.Detail.Should().Be("context holds 65 entries; the limit is 64.");
    }

    [Fact]
    public void Failed_CarriesTheCurrentClockAsARichStatusDetail()
    {
        var current = VectorClock.From([new ClockEntry("coord-a", 3)]);

        var error = WriteConditions.Failed(new ConditionFailed(current, Exists: true, "Condition if_absent does not hold."));

        error.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        error.Status.Detail.Should().Be("Condition if_absent does not hold.");
        var status = error.GetRpcStatus()!;
        var detail = status.Details.Should().ContainSingle().Subject.Unpack<ConditionDetail>();
        detail.Exists.Should().BeTrue();
        detail.CurrentClock.Entries.Should().Equal(new ClientEntry { CoordinatorNodeId = "coord-a", LogicalTimestamp = 3 });
    }

    private static ClientClock Clock(params (string Id, long Counter)[] entries)
    {
        var clock = new ClientClock();
        clock.Entries.AddRange(entries.Select(static e => new ClientEntry { CoordinatorNodeId = e.Id, LogicalTimestamp = e.Counter }));
        return clock;
    }
}
