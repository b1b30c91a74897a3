using Google.Protobuf;
using Google.Protobuf.Collections;
using Grpc.Core;
using PairDb.Protocol.Storage;

namespace PairDb.Storage.Service;

/// <summary>
/// WriteBatch and ReadBatch: several Write or Read calls a coordinator coalesced into one. Each item goes through the
/// single-call handler, so it is validated, applied and answered exactly as that call would be; a status the call
/// would have failed with becomes the item's status_code and status_message, and the other items are unaffected. A
/// ReadBatch keeps its answer within the request's max_response_bytes: the reads beyond it come back deferred, unread.
/// </summary>
public sealed partial class StorageNodeGrpcService
{
    // A point read is a short synchronous SQLite lookup: below this many per slice, a thread hop costs more than
    // reading on the calling thread saves.
    private const int MinReadsPerSlice = 16;

    // Shared by every deferred item: serialization only reads it.
    private static readonly ReadResult Deferred = new() { Deferred = true };

    public override async Task<WriteBatchResponse> WriteBatch(WriteBatchRequest request, ServerCallContext context)
    {
        var writes = request.Writes;
        _checks.ValidateBatchCount(writes.Count, "writes");

        // Every write is enqueued before any is awaited, so the writer takes them into one group commit (or as few as
        // its batch size allows) instead of one transaction each.
        var pending = new Task<WriteResponse>[writes.Count];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = Write(writes[i], context);
        }

        var response = new WriteBatchResponse();
        for (var i = 0; i < pending.Length; i++)
        {
            WriteResult result;
            try
            {
                result = new WriteResult { Response = await pending[i] };
            }
            catch (RpcException ex)
            {
                result = new WriteResult { StatusCode = (int)ex.StatusCode, StatusMessage = ex.Status.Detail };
            }

            response.Results.Add(result);
        }

        return response;
    }

    public override async Task<ReadBatchResponse> ReadBatch(ReadBatchRequest request, ServerCallContext context)
    {
        var reads = request.Reads;
        _checks.ValidateBatchCount(reads.Count, "reads");
        var results = new ReadResult[reads.Count];
        var budget = new ReadBatchBudget(request.MaxResponseBytes);

        // Reads do not queue behind each other like writes: a large batch is spread over the read connections (and
        // cores) in interleaved slices; slice 0 runs on this thread.
        var slices = Math.Min(Math.Min(_engine.Options.ReadConnections, Environment.ProcessorCount), reads.Count / MinReadsPerSlice);
        if (slices <= 1)
        {
            await ReadSliceAsync(reads, results, budget, 0, 1, context);
        }
        else
        {
            var workers = new Task[slices];
            for (var s = 1; s < slices; s++)
            {
                var first = s;
                workers[s] = Task.Run(() => ReadSliceAsync(reads, results, budget, first, slices, context));
            }

            workers[0] = ReadSliceAsync(reads, results, budget, 0, slices, context);
            await Task.WhenAll(workers);
        }

        var response = new ReadBatchResponse();
        response.Results.Add(results);
        return response;
    }

    private async Task ReadSliceAsync(
        RepeatedField<ReadRequest> reads, ReadResult[] results, ReadBatchBudget budget, int first, int stride, ServerCallContext context)
    {
        for (var i = first; i < reads.Count; i += stride)
        {
            if (budget.Spent)
            {
                results[i] = Deferred;
                continue;
            }

            ReadResult result;
            try
            {
                result = new ReadResult { Response = await Read(reads[i], context) };
            }
            catch (RpcException ex)
            {
                result = new ReadResult { StatusCode = (int)ex.StatusCode, StatusMessage = ex.Status.Detail };
            }

            // What the result adds to the answer: its message, length prefix and the repeated field's one-byte tag.
            results[i] = budget.TryTake(1 + CodedOutputStream.ComputeMessageSize(result)) ? result : Deferred;
        }
    }
}
