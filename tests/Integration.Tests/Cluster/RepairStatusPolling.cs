using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Protocol.Coordinator;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>Waits on anti-entropy's progress as GetRepairStatus reports it.</summary>
public static class RepairStatusPolling
{
    /// <summary>
    /// Polls until a full pass that started at or after <paramref name="after"/> (Unix seconds) has completed; returns
    /// that status. Fails with the cluster's logs after <paramref name="bound"/>.
    /// </summary>
    public static async Task<GetRepairStatusResponse> FullPassStartedAfterAsync(GrpcChannel coordinator, long after, TimeSpan bound, ClusterHarness cluster)
    {
        var deadline = DateTime.UtcNow + bound;
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var status = await coordinator.CoordinatorClient().GetRepairStatusAsync(
                    new GetRepairStatusRequest { IncludeRanges = true }, GrpcClients.Within(TimeSpan.FromSeconds(10))).ResponseAsync;
                if (status.LastFullPassCompletedAt > 0 && status.LastFullPassStartedAt >= after)
                {
                    return status;
                }

                last = status.ToString();
            }
            catch (RpcException ex) when (TransientRpc.Is(ex))
            {
                last = ex.Status.ToString();
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No full anti-entropy pass started at or after {after} within {bound.TotalSeconds} s; last status: {last}\n{cluster.Logs()}");
    }
}
