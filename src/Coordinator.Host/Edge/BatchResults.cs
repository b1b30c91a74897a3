using Grpc.Core;
using PairDb.Coordinator.Observability;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// The status of one batch item: OK, or its <see cref="KeyFailure"/> as a single call would answer it; each is counted
/// in coordinator_batch_items_total by method and code.
/// </summary>
public static class BatchResults
{
    private static readonly ItemStatus Ok = new() { Code = (int)StatusCode.OK };

    public static ItemStatus Status(string method, KeyFailure? failure, TimeSpan retryAfter)
    {
        CoordinatorInstruments.BatchItem(method, failure?.Code ?? StatusCode.OK);
        if (failure is null)
        {
            return Ok.Clone();
        }

        var status = new ItemStatus { Code = (int)failure.Code, Message = failure.Message, ConditionFailed = failure.Condition };
        if (failure.Code == StatusCode.ResourceExhausted)
        {
            // As the retry-after-ms trailer of a single call: at least 1 ms.
            status.RetryAfterMs = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalMilliseconds));
        }

        return status;
    }
}
