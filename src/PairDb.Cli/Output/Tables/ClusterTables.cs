using System.Globalization;
using PairDb.Cli.Output.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PairDb.Cli.Output.Tables;

/// <summary>Tables for `cluster members`, `cluster leave|down` and `cluster shards`.</summary>
public static class ClusterTables
{
    public static IRenderable Members(ClusterMemberListView view)
    {
        var table = Cells.NewTable("ADDRESS", "STATUS", "REACHABLE", "ROLES", "NOTES");
        foreach (var member in view.Members)
        {
            table.AddRow(
                Cells.Text(member.Address),
                Cells.Text(member.Status),
                Cells.Text(member.Reachable ? "yes" : "NO"),
                Cells.Text(string.Join(", ", member.Roles)),
                Cells.Text(Notes(member)));
        }

        table.Caption(Markup.Escape(view.Members.Count.ToString(CultureInfo.InvariantCulture) + (view.Members.Count == 1 ? " member" : " members")));
        return table;
    }

    public static IRenderable Change(ClusterMemberChangeView view) => Cells.Fields(
        ("Member", view.Address),
        ("Action", view.Action),
        ("Status when accepted", view.Status));

    public static IRenderable Shards(ClusterShardsView view)
    {
        var table = Cells.NewTable("ADDRESS", "SHARDS", "ENTITIES", "SHARD:ENTITIES", "NOT REPORTED");
        foreach (var region in view.Regions)
        {
            table.AddRow(
                Cells.Text(region.Address),
                Cells.Number(region.ShardCount),
                Cells.Number(region.EntityCount),
                Cells.Text(FormatShards(region.Shards)),
                Cells.Text(string.Join(", ", region.FailedShardIds)));
        }

        table.Caption(Markup.Escape(
            "region " + view.TypeName + ": " + view.ShardCount.ToString(CultureInfo.InvariantCulture) + " shards, "
            + view.EntityCount.ToString("N0", CultureInfo.InvariantCulture) + " entities"));
        return table;
    }

    /// <summary>"self, leader, oldest" as they apply; "-" for none.</summary>
    private static string Notes(ClusterMemberView member)
    {
        var notes = new List<string>(3);
        if (member.IsSelf)
        {
            notes.Add("self");
        }

        if (member.Leader)
        {
            notes.Add("leader");
        }

        if (member.Oldest)
        {
            notes.Add("oldest");
        }

        return string.Join(", ", notes);
    }

    private static string FormatShards(IReadOnlyList<ClusterShardView> shards)
    {
        var parts = new string[shards.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = shards[i].ShardId + ":" + shards[i].EntityCount.ToString(CultureInfo.InvariantCulture);
        }

        return string.Join(" ", parts);
    }
}
