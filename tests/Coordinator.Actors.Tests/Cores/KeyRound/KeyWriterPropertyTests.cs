using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using PairDb.Actors.Cores;
using PairDb.Actors.Tests.Cores.Support;

namespace PairDb.Actors.Tests.Cores.KeyRound;

public sealed class KeyWriterPropertyTests
{
    /// <summary>Up to 60 steps: numbers below 400 submit a write, the rest report an outcome for what the writer waits on.</summary>
    private static readonly Arbitrary<int[]> Tapes = Arb.From(Gen.Choose(0, 60).SelectMany(n => Gen.Choose(0, 999).ArrayOf(n)));

    [Fact]
    public void EveryAcceptedWrite_AnyInterleavingThenDrained_AnsweredExactlyOnce()
    {
        PropertyRunner.Check(71, Prop.ForAll(Tapes, tape =>
        {
            var simulation = Run(tape);

            simulation.Drain();

            simulation.Unanswered().Should().BeEmpty();
        }));
    }

    [Fact]
    public void EveryAcceptedWrite_AnyInterleavingThenStopped_AnsweredExactlyOnce()
    {
        PropertyRunner.Check(72, Prop.ForAll(Tapes, tape =>
        {
            var simulation = Run(tape);

            simulation.Stop();

            simulation.Unanswered().Should().BeEmpty();
            simulation.State.Should().Be(KeyWriterState.Stopped);
        }));
    }

    private static KeyWriterSimulation Run(int[] tape)
    {
        var simulation = new KeyWriterSimulation();
        foreach (var n in tape)
        {
            if (n >= 400 && simulation.Report(n))
            {
                continue;
            }

            simulation.Submit(n);
        }

        return simulation;
    }
}
