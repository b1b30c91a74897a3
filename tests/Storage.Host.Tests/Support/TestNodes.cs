using Microsoft.Extensions.Logging;
using PairDb.Rpc.Client;
using PairDb.Storage.Engine;
using PairDb.Storage.Hosting;

namespace PairDb.Storage.Tests.Support;

/// <summary>Starts in-process storage nodes on free loopback ports with quiet logging.</summary>
internal static class TestNodes
{
    public static StorageNodeOptions Options(TempDirectory directory) => new()
    {
        NodeId = "test-node",
        ServerPort = 0,
        HealthPort = 0,
        DataDir = directory.Path,
        Durability = DurabilityMode.Os,
        PageCacheKiB = 1024,
        ReadConnections = 2,
        MinFreeDiskBytes = 1,
    };

    public static Task<RunningStorageNode> StartAsync(StorageNodeOptions options, TimeProvider? time = null) =>
        StorageNodeServer.StartAsync(options, logging => logging.SetMinimumLevel(LogLevel.Warning), time);

    public static GrpcChannel Channel(RunningStorageNode node) =>
        GrpcChannel.ForAddress(node.Address, new GrpcChannelOptions { DefaultTimeout = TimeSpan.FromSeconds(30) });
}
