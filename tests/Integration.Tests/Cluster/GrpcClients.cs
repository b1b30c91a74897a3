using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Protocol.Coordinator;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>The generated clients over a grpc-dotnet channel, and call options with a deadline from now.</summary>
public static class GrpcClients
{
    public static CoordinatorService.CoordinatorServiceClient CoordinatorClient(this GrpcChannel channel) => new(channel);

    public static Protocol.Storage.StorageNodeService.StorageNodeServiceClient StorageClient(this GrpcChannel channel) => new(channel);

    /// <summary>Options of a call that must end within <paramref name="timeout"/> of now.</summary>
    public static CallOptions Within(TimeSpan timeout) => new(deadline: DateTime.UtcNow + timeout);
}
