using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Output.Views;

/// <summary>Turns the cluster methods' responses into the CLI's views.</summary>
public static class ClusterViews
{
    public static ClusterMemberListView Members(ListClusterMembersResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var members = new ClusterMemberView[response.Members.Count];
        for (var i = 0; i < members.Length; i++)
        {
            var member = response.Members[i];
            members[i] = new ClusterMemberView(member.Address, member.Status, [.. member.Roles], member.Reachable, member.Oldest, member.Leader, member.IsSelf);
        }

        return new ClusterMemberListView(members);
    }

    public static ClusterMemberChangeView Change(string action, LeaveClusterMemberResponse response) => new(action, response.Address, response.Status);

    public static ClusterMemberChangeView Change(string action, DownClusterMemberResponse response) => new(action, response.Address, response.Status);

    public static ClusterShardsView Shards(GetClusterShardsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var regions = new ClusterRegionView[response.Regions.Count];
        var shardCount = 0;
        var entityCount = 0L;
        for (var i = 0; i < regions.Length; i++)
        {
            var region = response.Regions[i];
            var shards = new ClusterShardView[region.Shards.Count];
            var entities = 0L;
            for (var j = 0; j < shards.Length; j++)
            {
                shards[j] = new ClusterShardView(region.Shards[j].ShardId, region.Shards[j].EntityCount);
                entities += region.Shards[j].EntityCount;
            }

            regions[i] = new ClusterRegionView(region.Address, shards.Length, entities, shards, [.. region.FailedShardIds]);
            shardCount += shards.Length;
            entityCount += entities;
        }

        return new ClusterShardsView(response.TypeName, shardCount, entityCount, regions);
    }
}
