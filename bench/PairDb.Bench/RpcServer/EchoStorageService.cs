using Grpc.Core;
using PairDb.Protocol.Storage;

namespace PairDb.Bench.RpcServer;

/// <summary>
/// The bare echo: storage.StorageNodeService/Write on grpc-dotnet answering at once with a fixed "applied"
/// response, so the same client sending the same WriteRequest as the storage bench measures what the server stack
/// alone allows. Every other method is the generated base's UNIMPLEMENTED.
/// </summary>
public sealed class EchoStorageService : StorageNodeService.StorageNodeServiceBase
{
    // One shared reply: the handler does no work of its own and allocates nothing.
    private static readonly Task<WriteResponse> Reply = Task.FromResult(new WriteResponse { Applied = true, SiblingCount = 1 });

    public override Task<WriteResponse> Write(WriteRequest request, ServerCallContext context) => Reply;
}
