using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Stores;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Stores;

/// <summary>The stored form of idempotent results: exact round trips and rejection of garbage.</summary>
public sealed class IdempotentResultCodecTests
{
    private static readonly Gen<IdempotentWriteResult> Results =
        from entries in Gen.Choose(0, 12).SelectMany(n =>
            Gen.Elements("coord-1", "coord-2", "c", "ü-node", "x")
                .SelectMany(id => Gen.Choose(1, int.MaxValue).Select(counter => new ClockEntry(id, counter * 3L)))
                .ArrayOf(n))
        from replicas in Gen.Choose(0, 10)
        from consistency in Gen.Elements(Consistency.One, Consistency.Quorum, Consistency.All)
        select new IdempotentWriteResult(VectorClock.From(entries), replicas, consistency);

    [Fact]
    public void Decode_OfEncode_ReturnsAnEqualResult()
    {
        var property = Prop.ForAll(Arb.From(Results), result => IdempotentResultCodec.Decode(IdempotentResultCodec.Encode(result)) == result);

        Check.One(
            Config.QuickThrowOnFailure
                .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(4101UL), FSharpOption<int>.None)))
                .WithMaxTest(300)
                .WithQuietOnSuccess(true),
            property);
    }

    [Fact]
    public void Decode_EmptyClock_ReturnsEmptyClock()
    {
        var result = new IdempotentWriteResult(VectorClock.Empty, 1, Consistency.One);

        var decoded = IdempotentResultCodec.Decode(IdempotentResultCodec.Encode(result));

        decoded.Should().Be(result);
        decoded.Clock.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Decode_Garbage_ThrowsInvalidData()
    {
        var act = () => IdempotentResultCodec.Decode([0xFF, 0xFF, 0xFF]);

        act.Should().Throw<InvalidDataException>();
    }
}
