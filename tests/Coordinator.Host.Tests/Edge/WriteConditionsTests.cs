using FluentAssertions;
using Grpc.Core;
using PairDb.Coordinator.Edge;
using PairDb.Messages.Values;
using ClientClock = PairDb.Protocol.Coordinator.VectorClock;
using ClientEntry = PairDb.Protocol.Coordinator.VectorClockEntry;
using ConditionDetail = PairDb.Protocol.Coordinator.WriteConditionFailed;
using ConditionFailed = PairDb.Messages.Protocols.WriteConditionFailed;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>A write's context and condition as the client sent them: checks, conversion, and a failed condition's status (<see cref="KeyFailure"/>).</summary>
public sealed class WriteConditionsTests
{
    [Fact]
    public void TryFrom_NothingSet_None()
    {
        WriteConditions.TryFrom(null, null, ifAbsent: false, out var conditions).Should().BeNull();

        conditions.Should().BeSameAs(WriteConditions.None);
    }

    [Fact]
    public void TryFrom_Context_ConvertedWithItsEntries()
    {
        WriteConditions.TryFrom(Clock(("coord-b", 2), ("coord-a", 5)), null, ifAbsent: false, out var conditions).Should().BeNull();

        conditions.Context.Should().Be(VectorClock.From([new ClockEntry("coord-a", 5), new ClockEntry("coord-b", 2)]));
        (conditions.IfClock, conditions.IfAbsent).Should().Be((null, false));
    }

    [Fact]
    public void TryFrom_EmptyIfClock_KeptAsTheEmptyClock()
    {
        WriteConditions.TryFrom(null, new ClientClock(), ifAbsent: false, out var conditions).Should().BeNull();

        conditions.IfClock.Should().Be(VectorClock.Empty);
    }

    [Theory]
    [InlineData(true, true, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    public void TryFrom_TwoOfContextIfClockIfAbsent_InvalidArgument(bool context, bool ifClock, bool ifAbsent)
    {
        var failure = WriteConditions.TryFrom(context ? Clock(("a", 1)) : null, ifClock ? Clock(("a", 1)) : null, ifAbsent, out _);

        failure!.Code.Should().Be(StatusCode.InvalidArgument);
        failure.Message.Should().StartWith("At most one of context, if_clock and if_absent may be set");
    }

    [Theory]
    [InlineData("", 1, "context.entries[0].coordinator_node_id must be 1..256 bytes (got 0).")]
    [InlineData("a", 0, "context.entries[0].logical_timestamp must be positive (got 0).")]
    [InlineData("a", -3, "context.entries[0].logical_timestamp must be positive (got -3).")]
    public void TryFrom_BadEntry_InvalidArgumentNamingIt(string id, long counter, string message)
    {
        var failure = WriteConditions.TryFrom(Clock((id, counter)), null, ifAbsent: false, out _);

        failure.Should().Be(KeyFailure.InvalidArgument(message));
    }

    [Fact]
    public void TryFrom_IdOverTheLimit_InvalidArgument()
    {
        var failure = WriteConditions.TryFrom(null, Clock((new string('x', 257), 1)), ifAbsent: false, out _);

        failure!.Message.Should().Be("if_clock.entries[0].coordinator_node_id must be 1..256 bytes (got 257).");
    }

    [Fact]
    public void TryFrom_SameIdTwice_InvalidArgument()
    {
        var failure = WriteConditions.TryFrom(null, Clock(("a", 1), ("a", 2)), ifAbsent: false, out _);

        failure!.Message.Should().Be("if_clock names a coordinator more than once.");
    }

    [Fact]
    public void TryFrom_MoreEntriesThanTheLimit_InvalidArgument()
    {
        var entries = Enumerable.Range(0, WriteConditions.MaxEntries + 1).Select(i => ("c" + i, 1L)).ToArray();

        var failure = WriteConditions.TryFrom(Clock(entries), null, ifAbsent: false, out _);

        failure!.Message.Should().Be("context holds 65 entries; the limit is 64.");
    }

    [Fact]
    public void ConditionFailed_CarriesTheCurrentClockAsARichStatusDetail()
    {
        var current = VectorClock.From([new ClockEntry("coord-a", 3)]);

        var error = KeyFailure.ConditionFailed(new ConditionFailed(current, Exists: true, "Condition if_absent does not hold.")).ToRpcException();

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
