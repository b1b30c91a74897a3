using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Protocol.Storage;

namespace PairDb.Coordinator.Replicas;

/// <summary>
/// The channel to one storage node address with its generated client and its write and read coalescers: Write
/// (conditional or not) and Read calls made while others are in flight go out together as WriteBatch and ReadBatch.
/// Write batches are packed up to the batch byte bound by request size; a read batch asks the storage node to keep its
/// answer within the same bound and to defer the reads beyond it, which go out again.
/// </summary>
internal sealed class NodeChannel : IDisposable
{
    private static readonly Status OkWithoutResponse = new(StatusCode.Internal, "The storage node answered OK without a response.");
    private readonly GrpcChannel _channel;
    private readonly int _maxResponseBytes;

    public NodeChannel(GrpcChannel channel, CoalescingLimits limits)
    {
        _channel = channel;
        _maxResponseBytes = limits.MaxBatchBytes;
        Client = new StorageNodeService.StorageNodeServiceClient(channel);
        Writes = new CallCoalescer<WriteRequest, WriteResponse>(
            limits,
            BatchItemBytes,
            (request, timeout) => Client.WriteAsync(request, deadline: DeadlineAfter(timeout)).ResponseAsync,
            WriteBatchAsync);
        Reads = new CallCoalescer<ReadRequest, ReadResponse>(
            limits,
            BatchItemBytes,
            (request, timeout) => Client.ReadAsync(request, deadline: DeadlineAfter(timeout)).ResponseAsync,
            ReadBatchAsync);
    }

    public StorageNodeService.StorageNodeServiceClient Client { get; }

    public CallCoalescer<WriteRequest, WriteResponse> Writes { get; }

    public CallCoalescer<ReadRequest, ReadResponse> Reads { get; }

    /// <summary>The deadline of a call that may take <paramref name="timeout"/>; every replica call carries one.</summary>
    public static DateTime DeadlineAfter(TimeSpan timeout) => DateTime.UtcNow + timeout;

    public void Dispose() => _channel.Dispose();

    /// <summary>What one call adds to a batch request: its message, length prefix and the repeated field's one-byte tag.</summary>
    private static int BatchItemBytes(IMessage request) => 1 + CodedOutputStream.ComputeMessageSize(request);

    private async Task<ItemOutcome<WriteResponse>[]> WriteBatchAsync(List<WriteRequest> writes, TimeSpan timeout)
    {
        var request = new WriteBatchRequest();
        request.Writes.AddRange(writes);
        var response = await Client.WriteBatchAsync(request, deadline: DeadlineAfter(timeout));
        var outcomes = new ItemOutcome<WriteResponse>[response.Results.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var result = response.Results[i];
            outcomes[i] = Outcome(result.StatusCode, result.StatusMessage, result.Response);
        }

        return outcomes;
    }

    private async Task<ItemOutcome<ReadResponse>[]> ReadBatchAsync(List<ReadRequest> reads, TimeSpan timeout)
    {
        var request = new ReadBatchRequest { MaxResponseBytes = _maxResponseBytes };
        request.Reads.AddRange(reads);
        var response = await Client.ReadBatchAsync(request, deadline: DeadlineAfter(timeout));
        var outcomes = new ItemOutcome<ReadResponse>[response.Results.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var result = response.Results[i];
            outcomes[i] = result.Deferred ? new ItemOutcome<ReadResponse>(null, null, Deferred: true) : Outcome(result.StatusCode, result.StatusMessage, result.Response);
        }

        return outcomes;
    }

    /// <summary>An item's status as its own call would have ended: OK with its response, or the status as an RpcException.</summary>
    private static ItemOutcome<T> Outcome<T>(int statusCode, string message, T? response)
        where T : class =>
        statusCode == 0 && response is not null
            ? new ItemOutcome<T>(response, null)
            : new ItemOutcome<T>(null, new RpcException(statusCode == 0 ? OkWithoutResponse : new Status((StatusCode)statusCode, message)));
}
