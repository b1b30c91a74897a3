using FluentAssertions;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1;
using PairDb.Storage.Tests.Support;

namespace PairDb.Storage.Tests.Service;

/// <summary>Server reflection on a running node, as grpcurl and other tools without our .proto files use it.</summary>
public sealed class ServerReflectionTests : WireNodeTest
{
    [Fact]
    public async Task ListServices_RunningNode_NamesStorageHealthAndReflection()
    {
        // Arrange
        using var call = Reflection().ServerReflectionInfo(deadline: DateTime.UtcNow.AddSeconds(30));

        // Act
        var response = await AskAsync(call, new ServerReflectionRequest { ListServices = "" });

        // Assert
        response.ListServicesResponse.Service.Select(s => s.Name).Should().Contain(
            ["storage.StorageNodeService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection"]);
    }

    [Fact]
    public async Task FileContainingSymbol_StorageService_DescriptorListsItsMethods()
    {
        // Arrange
        using var call = Reflection().ServerReflectionInfo(deadline: DateTime.UtcNow.AddSeconds(30));

        // Act
        var response = await AskAsync(call, new ServerReflectionRequest { FileContainingSymbol = "storage.StorageNodeService" });

        // Assert
        var files = response.FileDescriptorResponse.FileDescriptorProto.Select(FileDescriptorProto.Parser.ParseFrom).ToList();
        var storage = files.Should().ContainSingle(f => f.Package == "storage").Subject;
        var service = storage.Service.Should().ContainSingle(s => s.Name == "StorageNodeService").Subject;
        service.Method.Select(m => m.Name).Should().Equal(
            "Write", "Read", "Delete", "Repair", "HealthCheck", "ScanRange", "CountRange", "PurgeRange", "WriteBatch", "ReadBatch", "DigestRange",
            "CollectTombstones");
        service.Method.Single(m => m.Name == "ScanRange").ServerStreaming.Should().BeTrue();
    }

    private static async Task<ServerReflectionResponse> AskAsync(
        AsyncDuplexStreamingCall<ServerReflectionRequest, ServerReflectionResponse> call, ServerReflectionRequest request)
    {
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        (await call.ResponseStream.MoveNext(CancellationToken.None)).Should().BeTrue("reflection answers each request");
        var response = call.ResponseStream.Current;
        response.ErrorResponse.Should().BeNull();
        return response;
    }

    private ServerReflection.ServerReflectionClient Reflection() => new(Channel);
}
