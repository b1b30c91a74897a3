using System.Collections.Concurrent;
using System.Globalization;
using FluentAssertions;
using Grpc.Core;
using PairDb.Actors.Cores;
using PairDb.Protocol.Coordinator;
using PairDb.Protocol.Storage;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// Checks the migration process tests share: wait for a migration to end (its progress never going back), read
/// every key back through the coordinator, and scan the storage nodes to see each key on exactly its preference list.
/// </summary>
public static class MigrationChecks
{
    private static CallOptions Call => GrpcClients.Within(TimeSpan.FromSeconds(20));

    /// <summary>Polls GetMigrationStatus on coordinator <paramref name="through"/> until the migration is completed, failed or cancelled.</summary>
    public static async Task<GetMigrationStatusResponse> WaitForMigrationAsync(ClusterHarness cluster, string id, TimeSpan limit, int through = 0)
    {
        var deadline = DateTime.UtcNow + limit;
        var lastPercentage = 0f;
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var status = await cluster.Coordinator(through).CoordinatorClient().GetMigrationStatusAsync(new GetMigrationStatusRequest { MigrationId = id }, Call).ResponseAsync;
                status.Progress.Percentage.Should().BeGreaterThanOrEqualTo(lastPercentage, "progress never goes back");
                lastPercentage = status.Progress.Percentage;
                if (status.Status is "completed" or "failed" or "cancelled")
                {
                    return status;
                }

                last = status.ToString();
            }
            catch (RpcException ex) when (TransientRpc.Is(ex))
            {
                last = ex.Status.ToString();
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Migration {id} did not finish within {limit}; last seen: {last}\n{cluster.Logs()}");
    }

    /// <summary>
    /// Every key of <paramref name="expected"/> reads back (QUORUM) as one of its acceptable values, with no sibling of
    /// any other value, and every storage
    /// node of <paramref name="nodes"/> (named storage-N) holds exactly the keys whose preference list of
    /// <paramref name="factor"/> nodes includes it.
    /// </summary>
    public static async Task CheckAsync(
        ClusterHarness cluster, string tenant, IReadOnlyDictionary<string, HashSet<string>> expected, string[] nodes, int factor, int through = 0)
    {
        var coordinator = cluster.Coordinator(through);
        var wrong = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(expected, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (pair, _) =>
        {
            var read = await Kv.ReadAsync(coordinator, pair.Key, tenant: tenant);
            if (!pair.Value.Contains(read.Value.ToStringUtf8()))
            {
                wrong.Add($"{pair.Key}: read {read.Value.ToStringUtf8()}, expected one of {string.Join("|", pair.Value)}");
            }

            // A sibling would be a version the last acknowledged write did not supersede (one writer per key stamps
            // each write over the last): only values that may have landed are acceptable beside the winner.
            foreach (var sibling in read.Siblings.Where(sibling => !pair.Value.Contains(sibling.Value.ToStringUtf8())))
            {
                wrong.Add($"{pair.Key}: sibling {sibling.Value.ToStringUtf8()} beside {read.Value.ToStringUtf8()}, expected only one of {string.Join("|", pair.Value)}");
            }
        });
        wrong.Should().BeEmpty();

        var ring = new HashRing(nodes.Select(static n => new RingMember(n)));
        var held = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var index = int.Parse(node["storage-".Length..], CultureInfo.InvariantCulture) - 1;
            using var scan = cluster.Storage(index).StorageClient().ScanRange(new ScanRangeRequest { Start = 0, End = 0, BatchSize = 1000, TenantId = tenant }, Call);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var batch in scan.ResponseStream.ReadAllAsync())
            {
                keys.UnionWith(batch.Records.Select(static r => r.Key));
            }

            held[node] = keys;
        }

        var misplaced = new List<string>();
        foreach (var key in expected.Keys)
        {
            var owners = ring.PreferenceList(tenant, key, factor);
            var holders = nodes.Where(n => held[n].Contains(key)).ToArray();
            if (!owners.Order(StringComparer.Ordinal).SequenceEqual(holders.Order(StringComparer.Ordinal)))
            {
                misplaced.Add($"{key}: on {string.Join(",", holders)}, owners {string.Join(",", owners)}");
            }
        }

        misplaced.Should().BeEmpty();
    }
}
