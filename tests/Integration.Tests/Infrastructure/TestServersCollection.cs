namespace PairDb.Integration.Tests.Infrastructure;

/// <summary>The xunit collection whose tests share one <see cref="TestServers"/>.</summary>
[CollectionDefinition(Name)]
public sealed class TestServersCollection : ICollectionFixture<TestServers>
{
    /// <summary>Name to put in [Collection(...)] on test classes that use the servers.</summary>
    public const string Name = "TestServers";
}
