using FsCheck;
using Microsoft.FSharp.Core;

namespace PairDb.Storage.Tests.Support;

/// <summary>Runs an FsCheck property from a fixed seed, so every run checks the same cases.</summary>
internal static class PropertyRunner
{
    public static void Check(ulong seed, Property property, int maxTest = 200)
    {
        var config = Config.QuickThrowOnFailure
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)))
            .WithMaxTest(maxTest)
            .WithQuietOnSuccess(true);
        FsCheck.Check.One(config, property);
    }
}
