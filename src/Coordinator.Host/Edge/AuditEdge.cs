using Grpc.Core;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Edge;

/// <summary>ListAuditRecords (admin method): pages of audit records, newest first.</summary>
public sealed class AuditEdge
{
    private readonly SecurityServices _security;

    public AuditEdge(SecurityServices security) => _security = security;

    public async Task<ListAuditRecordsResponse> ListAsync(ListAuditRecordsRequest request, ServerCallContext context)
    {
        if (request.BeforeId < 0)
        {
            throw EdgeStatus.InvalidArgument($"before_id must be 0 (from the newest) or a record id, got {request.BeforeId}.");
        }

        var limit = _security.PageSize(request.PageSize);
        var records = await _security.Credentials.ListAuditAsync(request.BeforeId == 0 ? null : request.BeforeId, limit, context.CancellationToken);
        var response = new ListAuditRecordsResponse { Success = true };
        foreach (var record in records)
        {
            response.Records.Add(new AuditRecord
            {
                Id = record.Id,
                AtMicros = (record.At.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond,
                Caller = record.Caller,
                Method = record.Method,
                Target = record.Target,
                Status = record.Status,
            });
        }

        // A full page may have older records behind it; a short one reached the oldest.
        response.NextBeforeId = records.Count == limit ? records[^1].Id : 0;
        return response;
    }
}
