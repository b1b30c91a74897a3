using PairDb.Protocol.Storage;
using PairDb.Rpc;
using PairDb.Rpc.Client;
using PairDb.Rpc.Contracts;

namespace PairDb.Coordinator.Replicas;

/// <summary>
/// The channel to one storage node address with its write and read coalescers: Write (conditional or not) and Read
/// calls made while others are in flight go out together as WriteBatch and ReadBatch.
/// </summary>
internal sealed class NodeChannel : IDisposable
{
    public NodeChannel(GrpcChannel channel, CoalescingLimits limits)
    {
        Channel = channel;
        Writes = new CallCoalescer<WriteRequest, WriteResponse>(
            limits,
            (request, timeout) => channel.UnaryAsync(StorageMethods.Write, request, new CallOptions(timeout, null, default)),
            WriteBatchAsync);
        Reads = new CallCoalescer<ReadRequest, ReadResponse>(
            limits,
            (request, timeout) => channel.UnaryAsync(StorageMethods.Read, request, new CallOptions(timeout, null, default)),
            ReadBatchAsync);
    }

    public GrpcChannel Channel { get; }

    public CallCoalescer<WriteRequest, WriteResponse> Writes { get; }

    public CallCoalescer<ReadRequest, ReadResponse> Reads { get; }

    public void Dispose() => Channel.Dispose();

    private async Task<ItemOutcome<WriteResponse>[]> WriteBatchAsync(List<WriteRequest> writes, TimeSpan timeout)
    {
        var request = new WriteBatchRequest();
        request.Writes.AddRange(writes);
        var response = await Channel.UnaryAsync(StorageMethods.WriteBatch, request, new CallOptions(timeout, null, default));
        return Outcomes(response.Results, static result => (result.StatusCode, result.StatusMessage, result.Response));
    }

    private async Task<ItemOutcome<ReadResponse>[]> ReadBatchAsync(List<ReadRequest> reads, TimeSpan timeout)
    {
        var request = new ReadBatchRequest();
        request.Reads.AddRange(reads);
        var response = await Channel.UnaryAsync(StorageMethods.ReadBatch, request, new CallOptions(timeout, null, default));
        return Outcomes(response.Results, static result => (result.StatusCode, result.StatusMessage, result.Response));
    }

    private static ItemOutcome<T>[] Outcomes<TResult, T>(IList<TResult> results, Func<TResult, (int StatusCode, string Message, T? Response)> fields)
        where T : class
    {
        var outcomes = new ItemOutcome<T>[results.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var (statusCode, message, response) = fields(results[i]);
            outcomes[i] = Outcome(statusCode, message, response);
        }

        return outcomes;
    }

    /// <summary>An item's status as its own call would have ended: OK with its response, or the status as an RpcException.</summary>
    private static ItemOutcome<T> Outcome<T>(int statusCode, string message, T? response)
        where T : class =>
        statusCode == 0 && response is not null
            ? new ItemOutcome<T>(response, null)
            : new ItemOutcome<T>(null, new RpcException(
                statusCode == 0 ? StatusCode.Internal : (StatusCode)statusCode,
                statusCode == 0 ? "The storage node answered OK without a response." : message));
}
