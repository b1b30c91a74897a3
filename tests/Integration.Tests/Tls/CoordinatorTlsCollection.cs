namespace PairDb.Integration.Tests.Tls;

/// <summary>The tests that share one <see cref="TlsCoordinator"/> process (and must not run while it swaps its certificate).</summary>
[CollectionDefinition(Name)]
public sealed class CoordinatorTlsCollection : ICollectionFixture<TlsCoordinator>
{
    public const string Name = "TLS coordinator";
}
