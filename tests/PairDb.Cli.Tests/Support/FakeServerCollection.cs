namespace PairDb.Cli.Tests.Support;

/// <summary>The end-to-end test classes share one fake coordinator server and run one at a time (the fake is mutable).</summary>
[CollectionDefinition(Name)]
public sealed class FakeServerCollection : ICollectionFixture<FakeCoordinatorServer>
{
    public const string Name = "fake coordinator";
}
