using FluentAssertions;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1Alpha;
using PairDb.Coordinator.Tests.Infrastructure;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>Server reflection on a running coordinator, as grpcurl uses it: list the services, then fetch a service's file.</summary>
public sealed class ServerReflectionTests : CoordinatorWireTest
{
    [Fact]
    public async Task ServerReflectionInfo_ListServicesAndFileContainingSymbol_CoordinatorServiceWithItsMethods()
    {
        // Arrange
        var reflection = new ServerReflection.ServerReflectionClient(Coordinator.Channel);
        using var call = reflection.ServerReflectionInfo(deadline: DateTime.UtcNow.AddSeconds(60));

        // Act
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty });
        await call.ResponseStream.MoveNext(CancellationToken.None);
        var services = call.ResponseStream.Current.ListServicesResponse.Service;
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "proto.CoordinatorService" });
        await call.ResponseStream.MoveNext(CancellationToken.None);
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto;
        await call.RequestStream.CompleteAsync();

        // Assert
        services.Select(static s => s.Name).Should().Contain(["proto.CoordinatorService", "grpc.health.v1.Health"]);
        var service = files
            .Select(static bytes => FileDescriptorProto.Parser.ParseFrom(bytes))
            .SelectMany(static file => file.Service.Select(service => (file.Package, service)))
            .Should().ContainSingle(static s => s.Package == "proto" && s.service.Name == "CoordinatorService").Which.service;
        service.Method.Select(static m => m.Name).Should().Contain(
            ["WriteKeyValue", "ReadKeyValue", "DeleteKeyValue", "CreateTenant", "GetTenant", "ListTenants", "UpdateReplicationFactor",
             "AddStorageNode", "RemoveStorageNode", "GetMigrationStatus", "ListMigrations", "ListStorageNodes", "GetRing",
             "ListClusterMembers", "LeaveClusterMember", "DownClusterMember", "GetClusterShards"]);
    }
}
