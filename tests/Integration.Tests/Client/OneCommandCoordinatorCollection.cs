namespace PairDb.Integration.Tests.Client;

/// <summary>The xunit collection whose tests share one <see cref="OneCommandCoordinator"/> process.</summary>
[CollectionDefinition(Name)]
public sealed class OneCommandCoordinatorCollection : ICollectionFixture<OneCommandCoordinator>
{
    /// <summary>Name to put in [Collection(...)] on test classes that use the coordinator.</summary>
    public const string Name = "OneCommandCoordinator";
}
