using Grpc.Core;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// GetRepairStatus: anti-entropy's progress as the metadata store holds it, over the ranges of the plan this
/// coordinator computes from its ring snapshot and the tenants (the same plan the scheduler syncs).
/// </summary>
public sealed class RepairEdge
{
    private readonly EdgeServices _services;

    public RepairEdge(EdgeServices services) => _services = services;

    public async Task<GetRepairStatusResponse> GetStatusAsync(GetRepairStatusRequest request, ServerCallContext context)
    {
        var token = context.CancellationToken;
        var pass = await _services.Metadata.GetRepairPassAsync(token);
        var progress = new RepairProgress(await _services.Metadata.ListRepairRangesAsync(token));
        var plan = RepairWorkPlanner.Plan(_services.Ring.Current.Ring, await _services.Metadata.ListTenantsAsync(token));
        var response = new GetRepairStatusResponse
        {
            Success = true,
            Enabled = _services.AntiEntropyEnabled,
            PassNumber = pass?.Number ?? 0,
            PassStartedAt = Seconds(pass?.StartedAt),
            RangesTotal = plan.Count,
            LastFullPassStartedAt = Seconds(pass?.LastFullStartedAt),
            LastFullPassCompletedAt = Seconds(pass?.LastFullCompletedAt),
        };

        DateTimeOffset? allSyncedSince = plan.Count == 0 ? null : DateTimeOffset.MaxValue;
        foreach (var item in plan)
        {
            var record = progress.Find(item);
            allSyncedSince = record?.SyncedAt is { } synced && allSyncedSince is { } oldest ? (synced < oldest ? synced : oldest) : null;
            if (record is not null && pass is not null && record.AttemptedAt >= pass.StartedAt)
            {
                if (record.LastError is null)
                {
                    response.RangesSynced++;
                    response.KeysRepaired += record.KeysRepaired;
                }
                else
                {
                    response.RangesFailed++;
                }
            }

            if (request.IncludeRanges)
            {
                response.Ranges.Add(Info(item, record));
            }
        }

        response.AllSyncedSince = Seconds(allSyncedSince);
        return response;
    }

    private static RepairRangeInfo Info(RepairWorkItem item, RepairRangeRecord? record)
    {
        var info = new RepairRangeInfo
        {
            ReplicationFactor = item.Key.ReplicationFactor,
            Start = item.Key.Start,
            End = item.Key.End,
            SyncedAt = Seconds(record?.SyncedAt),
            AttemptedAt = Seconds(record?.AttemptedAt),
            KeysRead = record?.KeysRead ?? 0,
            KeysRepaired = record?.KeysRepaired ?? 0,
            TombstonesCollected = record?.TombstonesCollected ?? 0,
            LastError = record?.LastError ?? "",
        };
        info.Replicas.AddRange(item.Replicas);
        return info;
    }

    private static long Seconds(DateTimeOffset? instant) => instant?.ToUnixTimeSeconds() ?? 0;
}
