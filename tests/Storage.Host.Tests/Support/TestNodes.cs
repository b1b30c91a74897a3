using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using PairDb.Protocol.Storage;
using PairDb.Storage.Hosting;

namespace PairDb.Storage.Tests.Support;

/// <summary>Starts in-process storage nodes on free loopback ports with quiet logging, and clients for them.</summary>
internal static class TestNodes
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

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

    /// <summary>A node whose log entries from Information up go to <paramref name="logs"/>, for assertions on what it logged.</summary>
    public static Task<RunningStorageNode> StartLoggingAsync(StorageNodeOptions options, RecordingLoggerProvider logs) =>
        StorageNodeServer.StartAsync(options, logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(logs), timeProvider: null);

    public static GrpcChannel Channel(RunningStorageNode node) => GrpcChannel.ForAddress(node.Address);

    /// <summary>A storage client over <paramref name="channel"/> whose calls carry a deadline unless they set one.</summary>
    public static StorageNodeService.StorageNodeServiceClient Client(GrpcChannel channel, TimeSpan? timeout = null) =>
        new(channel.Intercept(new DefaultDeadline(timeout ?? DefaultTimeout)));
}
