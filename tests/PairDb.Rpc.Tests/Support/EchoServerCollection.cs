namespace PairDb.Rpc.Tests.Support;

/// <summary>Shares one echo server between the round-trip test classes.</summary>
[CollectionDefinition(Name)]
public sealed class EchoServerCollection : ICollectionFixture<EchoServerFixture>
{
    public const string Name = "echo server";
}
