using FsCheck;
using Microsoft.FSharp.Core;

namespace PairDb.Messages.Tests.Support;

/// <summary>Runs FsCheck properties from a fixed seed so every run checks the same cases and a failure replays.</summary>
internal static class PropertyRunner
{
    /// <summary>Checks <paramref name="property"/> over <paramref name="maxTest"/> cases; throws with the counterexample on failure.</summary>
    public static void Check(ulong seed, Property property, int maxTest = 500)
    {
        var config = Config.QuickThrowOnFailure
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)))
            .WithMaxTest(maxTest)
            .WithQuietOnSuccess(true);
        FsCheck.Check.One(config, property);
    }
}
