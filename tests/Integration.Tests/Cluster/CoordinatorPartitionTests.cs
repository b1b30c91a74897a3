using System.Globalization;
using System.Net.Sockets;
using FluentAssertions;
using Grpc.Core;
using PairDb.Coordinator.Composition;
using PairDb.Integration.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;
using Xunit.Abstractions;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// A network partition between coordinators: three coordinators whose Akka.Remote is reached only through fault
/// proxies (each advertises its proxy's port, CLUSTER_PUBLIC_PORT), and a blackhole that cuts the third off from the
/// other two while those two keep talking, under a continuous QUORUM writer through the two. The majority keeps
/// serving, the split-brain resolver removes the third, which downs itself and exits; once the network heals and the
/// test plays the supervisor (a StatefulSet restarts an exited container), the cluster is three again with no
/// operator step, and no acknowledged write was lost.
/// </summary>
[Collection(TestServersCollection.Name)]
public sealed class CoordinatorPartitionTests(ITestOutputHelper output)
{
    private const int Isolated = 2;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    /// <summary>
    /// What a write through the majority may fail with until the isolated coordinator is downed and its shards move
    /// (README, Errors): UNAVAILABLE or DEADLINE_EXCEEDED while the shard's owner does not answer.
    /// </summary>
    private static readonly StatusCode[] FaultStatuses = [StatusCode.Unavailable, StatusCode.DeadlineExceeded];

    [Fact]
    public async Task BlackholeOneOfThreeCoordinators_UnderQuorumWriter_MajorityServesMinorityRemovedClusterHealsToThree()
    {
        // Arrange: the isolated coordinator's own proxy cuts everything; the others' proxies cut only its connections.
        await using var proxies = new TcpFaultProxies();
        var links = new List<TcpFaultProxy>();
        ClusterHarness? started = null;
        bool FromIsolated(Socket accepted) =>
            started?.CoordinatorProcess(Isolated).ProcessId is { } pid && LoopbackSocketOwner.HoldsClientEnd(pid, accepted);
        var routes = new ClusterRoutes
        {
            Cluster = (i, port) =>
            {
                var proxy = proxies.Start(port, affects: i == Isolated ? null : FromIsolated);
                links.Add(proxy);
                return proxy.Port;
            },
        };
        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 3, oneCluster: true, routes: routes);
        started = cluster;
        (await WaitForMembersAsync(cluster, 0, static m => m.Count == 3 && m.All(static x => x.Status == "up" && x.Reachable))).Should().HaveCount(3);
        var isolatedAddress = "127.0.0.1:" + cluster.ClusterPublicPort(Isolated).ToString(CultureInfo.InvariantCulture);
        await using var load = QuorumLoad.Start(cluster, through: [0, 1], readers: 4);
        await load.WaitForAcknowledgedAsync(200);

        // Act: blackhole the isolated coordinator's links.
        var cutAt = load.Elapsed;
        links.ForEach(static l => l.Blackhole());

        // Assert: the majority removes it and serves; the isolated one downs itself and its process ends.
        await WaitForMembersAsync(cluster, 0, m => m.Count == 2 && m.All(x => x.Address != isolatedAddress && x.Status == "up" && x.Reachable));
        await load.WaitUntilCleanAsync(since: cutAt, cleanFor: TimeSpan.FromSeconds(5), bound: Bound);

        // A stalled majority would record no failure either (its calls would only hang): it must acknowledge writes.
        await load.WaitForAcknowledgedAsync(load.Acknowledged + 200);
        var exit = await cluster.CoordinatorProcess(Isolated).WaitForExitAsync(Bound);
        exit.Should().Be(CoordinatorExit.Downed, $"a coordinator the cluster downed stops its process, for its supervisor to restart\n{cluster.Logs()}");
        var swallowed = links.Select(static l => l.DiscardedBytes).ToList();
        // Either side may have opened the connections Akka.Remote uses both ways, so the bytes may be cut at any proxy.
        swallowed.Sum().Should().BePositive("the blackhole must have cut the traffic between the isolated coordinator and the others");

        // Act: the network heals; the supervisor starts the exited process again, as a StatefulSet does.
        links.ForEach(static l => l.Heal());
        await cluster.StartStoppedAsync();

        // Assert: three members again, seen alike from the majority and from the restarted one, and it serves.
        await WaitForMembersAsync(cluster, 0, static m => m.Count == 3 && m.All(static x => x.Status == "up" && x.Reachable));
        await WaitForMembersAsync(cluster, Isolated, static m => m.Count == 3 && m.All(static x => x.Status == "up" && x.Reachable));

        // Shards may still be moving onto the rejoined member: an idempotency key lets the coordinator re-send a write
        // a shard dropped during its hand-off, without applying it twice.
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 20; i++)
        {
            var key = "after-heal-" + i.ToString(CultureInfo.InvariantCulture);
            await Kv.WriteAsync(cluster.Coordinator(Isolated), key, "healed", idempotencyKey: $"{run}-{key}");
            (await Kv.ReadAsync(cluster.Coordinator(0), key)).Value.ToStringUtf8().Should().Be("healed");
        }

        await load.StopAsync();
        var gap = load.LastFailure is { } last && last > cutAt ? last - cutAt : TimeSpan.Zero;
        output.WriteLine($"exit code {exit}; {load.Acknowledged} writes acknowledged, {load.Reads} reads, {load.Failures} calls failed "
            + $"({string.Join(", ", load.FailureStatuses)}), the last {gap.TotalSeconds:F1} s after the cut; blackholes swallowed {string.Join("/", swallowed)} bytes");
        load.FailureStatuses.Should().BeSubsetOf(FaultStatuses, load.FailureSample());
        await load.VerifyNothingLostAsync(cluster.Coordinator(0));
    }

    /// <summary>Polls ListClusterMembers on coordinator <paramref name="index"/> until <paramref name="done"/> holds.</summary>
    private static async Task<IReadOnlyList<ClusterMember>> WaitForMembersAsync(ClusterHarness cluster, int index, Func<IReadOnlyList<ClusterMember>, bool> done)
    {
        var deadline = DateTime.UtcNow + Bound;
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var members = (await cluster.Coordinator(index).CoordinatorClient()
                    .ListClusterMembersAsync(new ListClusterMembersRequest(), GrpcClients.Within(TimeSpan.FromSeconds(5))).ResponseAsync).Members;
                last = string.Join(", ", members.Select(static m => $"{m.Address} {m.Status}{(m.Reachable ? string.Empty : " unreachable")}"));
                if (done(members))
                {
                    return members;
                }
            }
            catch (RpcException ex)
            {
                last = ex.Status.ToString();
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"coordinator-{index} saw [{last}] for {Bound.TotalSeconds} s.\n{cluster.Logs()}");
    }
}
