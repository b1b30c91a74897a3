using System.Globalization;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Grpc.Core;
using PairDb.Actors.Keys;
using PairDb.Coordinator.Interceptors;
using PairDb.Protocol.Coordinator;
using AkkaCluster = Akka.Cluster.Cluster;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// ListClusterMembers, LeaveClusterMember, DownClusterMember and GetClusterShards: the coordinators' Akka.NET cluster
/// as this coordinator sees it, and the operator's levers on it. Leave and down answer once the cluster has the
/// command; the member's removal follows on the cluster's own schedule.
/// </summary>
public sealed class ClusterEdge
{
    /// <summary>How long the shard coordinator waits for each region's statistics, at most.</summary>
    private static readonly TimeSpan MaxStatsTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Kept back from the call's deadline, so statistics that do not come end in an UNAVAILABLE saying why, not a bare deadline.</summary>
    private static readonly TimeSpan AnswerMargin = TimeSpan.FromMilliseconds(500);

    private readonly EdgeServices _services;

    public ClusterEdge(EdgeServices services) => _services = services;

    private AkkaCluster Cluster => AkkaCluster.Get(_services.System);

    public Task<ListClusterMembersResponse> ListMembersAsync(ListClusterMembersRequest request, ServerCallContext context)
    {
        var cluster = Cluster;
        var response = new ListClusterMembersResponse { Success = true };
        response.Members.AddRange(ClusterMembership.Describe(cluster.State, cluster.SelfAddress));
        return Task.FromResult(response);
    }

    public Task<LeaveClusterMemberResponse> LeaveMemberAsync(LeaveClusterMemberRequest request, ServerCallContext context)
    {
        var (cluster, member) = Resolve(request.Address);
        cluster.Leave(member.Address);
        return Task.FromResult(new LeaveClusterMemberResponse
        {
            Success = true, Address = ClusterAddresses.Format(member.Address), Status = ClusterMembership.StatusName(member.Status),
        });
    }

    public Task<DownClusterMemberResponse> DownMemberAsync(DownClusterMemberRequest request, ServerCallContext context)
    {
        var (cluster, member) = Resolve(request.Address);
        cluster.Down(member.Address);
        return Task.FromResult(new DownClusterMemberResponse
        {
            Success = true, Address = ClusterAddresses.Format(member.Address), Status = ClusterMembership.StatusName(member.Status),
        });
    }

    public async Task<GetClusterShardsResponse> GetShardsAsync(GetClusterShardsRequest request, ServerCallContext context)
    {
        var remaining = CallDeadline.Remaining(context) - AnswerMargin;
        if (remaining <= TimeSpan.Zero)
        {
            throw EdgeStatus.DeadlineExceeded("No time left before the call's deadline to collect shard statistics.");
        }

        var statsTimeout = remaining < MaxStatsTimeout * 2 ? remaining / 2 : MaxStatsTimeout;
        var region = ClusterSharding.Get(_services.System).ShardRegion(KeyShards.TypeName);
        var stats = await AskStatsAsync(region, statsTimeout, remaining, context.CancellationToken);
        // The shard coordinator answers with no regions at all when any region missed statsTimeout, and a region answers so
        // while it knows no coordinator yet: either way there is nothing true to report.
        if (stats is not { Regions.Count: > 0 })
        {
            var seconds = statsTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            throw EdgeStatus.Unavailable(
                $"No shard statistics for region '{KeyShards.TypeName}': a member's region did not answer within {seconds} s, "
                + "or the shard coordinator is not known yet. Retry, and check ListClusterMembers for unreachable members.");
        }

        return ClusterShards.Describe(stats, Cluster.SelfAddress, KeyShards.TypeName);
    }

    private static async Task<ClusterShardingStats?> AskStatsAsync(IActorRef region, TimeSpan statsTimeout, TimeSpan remaining, CancellationToken cancellationToken)
    {
        try
        {
            return await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(statsTimeout), remaining, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    /// <summary>The member named by <paramref name="text"/>: INVALID_ARGUMENT when it is not host:port, NOT_FOUND when no member has it.</summary>
    private (AkkaCluster Cluster, Member Member) Resolve(string text)
    {
        var cluster = Cluster;
        if (!ClusterAddresses.TryParse(text, cluster.SelfAddress, out var address, out var error))
        {
            throw EdgeStatus.InvalidArgument(error);
        }

        var member = ClusterMembership.Find(cluster.State.Members, address)
            ?? throw EdgeStatus.NotFound($"No cluster member at '{text}'; ListClusterMembers lists the members.");
        return (cluster, member);
    }
}
