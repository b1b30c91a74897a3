using PairDb.Rpc.Tests.Support;

namespace PairDb.Rpc.Tests.Interop;

/// <summary>
/// The grpc-js interop tests run one at a time against their own echo server: each spawns node, and running them
/// beside each other on a 2-core machine would only make the deadline scenarios noisier.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NodeInteropCollection : ICollectionFixture<EchoServerFixture>
{
    public const string Name = "grpc-js interop";
}
