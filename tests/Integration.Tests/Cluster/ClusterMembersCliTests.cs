using System.Globalization;
using System.Text.Json;
using FluentAssertions;
using PairDb.Integration.Tests.Cli;
using PairDb.Integration.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// `pairdb cluster members`, `cluster shards`, `cluster down` and `cluster leave` against three coordinator processes in one Akka.NET cluster
/// over shared PostgreSQL and Redis.
/// </summary>
[Collection(TestServersCollection.Name)]
public sealed class ClusterMembersCliTests
{
    private const int Keys = 40;

    /// <summary>The CLI's exit code for a call that got no answer (UNAVAILABLE or DEADLINE_EXCEEDED), what one poll of a wait may end with.</summary>
    private const int UnavailableExit = 4;

    /// <summary>Bound on the cluster noticing a change (gossip, failure detection, the leader's removal).</summary>
    private static readonly TimeSpan ConvergeTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ClusterCommands_ThreeCoordinators_ThreeUpShardsOnAll_DownOfKilledOneAndLeaveOfAnotherRemoveThem()
    {
        // Arrange
        // Key actors stay live, so the shard statistics count every key written.
        var environment = new Dictionary<string, string> { ["PASSIVATE_AFTER_MS"] = "600000" };
        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 3, coordinatorEnvironment: environment, oneCluster: true);

        // A channel's target is its HOST:PORT, as the CLI takes it.
        var cli = new PairDbCli(cluster.Coordinator(0).Target);
        var victim = await SelfAddressAsync(cluster, 2);

        // Act / Assert: the first coordinator sees all three up.
        var members = await WaitForMembersAsync(cli, cluster, static m => m.Count == 3 && m.All(static x => x.Status == "up"));
        members.Select(static m => m.Address).Should().Contain(victim);
        members.Count(static m => m.IsSelf).Should().Be(1);
        members.Count(static m => m.Oldest).Should().Be(1);

        // Act / Assert: keys written through one coordinator live in shards spread over the members.
        for (var i = 0; i < Keys; i++)
        {
            await Kv.WriteAsync(cluster.Coordinator(0), "shards-" + i.ToString(CultureInfo.InvariantCulture), "v");
        }

        var shards = await cli.RunAsync(["cluster", "shards", "-o", "json"], CommandTimeout);
        shards.ExitCode.Should().Be(0, shards.Describe());
        using (var stats = JsonDocument.Parse(shards.StandardOutput))
        {
            stats.RootElement.GetProperty("entity_count").GetInt64().Should().Be(Keys, shards.StandardOutput);
            stats.RootElement.GetProperty("regions").EnumerateArray().Select(static r => r.GetProperty("address").GetString())
                .Should().BeEquivalentTo(members.Select(static m => m.Address), "every member hosts a part of the key region");
            stats.RootElement.GetProperty("regions").EnumerateArray().Should().OnlyContain(
                static r => r.GetProperty("shard_count").GetInt32() > 0, "shards are allocated to the member with the fewest");
        }

        // Act: the third coordinator crashes, and the operator downs it through the first.
        cluster.CoordinatorProcess(2).Kill();
        var down = await cli.RunAsync(["cluster", "down", victim, "-o", "json"], CommandTimeout);

        // Assert
        down.ExitCode.Should().Be(0, down.Describe());
        using (var accepted = JsonDocument.Parse(down.StandardOutput))
        {
            accepted.RootElement.GetProperty("address").GetString().Should().Be(victim);
        }

        var remaining = await WaitForMembersAsync(cli, cluster, m => m.All(x => x.Address != victim));
        remaining.Should().HaveCount(2).And.OnlyContain(static m => m.Status == "up" && m.Reachable);

        // Act: the second coordinator, still running, is asked to leave.
        var leaver = await SelfAddressAsync(cluster, 1);
        var leave = await cli.RunAsync(["cluster", "leave", leaver], CommandTimeout);

        // Assert: it goes through leaving and exiting to removed, and the first coordinator is alone.
        leave.ExitCode.Should().Be(0, leave.Describe());
        leave.StandardOutput.Should().Contain(leaver).And.Contain("leave");
        var alone = await WaitForMembersAsync(cli, cluster, m => m.All(x => x.Address != leaver));
        alone.Should().ContainSingle().Which.IsSelf.Should().BeTrue();

        // The coordinator that left has no actor system any more, so its process ends instead of timing calls out.
        (await cluster.CoordinatorProcess(1).WaitForExitAsync(ConvergeTimeout)).Should().NotBeNull(cluster.Logs());
    }

    private static async Task<string> SelfAddressAsync(ClusterHarness cluster, int index)
    {
        var response = await cluster.Coordinator(index).CoordinatorClient()
            .ListClusterMembersAsync(new ListClusterMembersRequest(), GrpcClients.Within(CommandTimeout)).ResponseAsync;
        return response.Members.Single(static m => m.IsSelf).Address;
    }

    /// <summary>Runs `cluster members -o json` until <paramref name="done"/> holds for the listed members; fails after <see cref="ConvergeTimeout"/>.</summary>
    private static async Task<IReadOnlyList<Member>> WaitForMembersAsync(PairDbCli cli, ClusterHarness cluster, Func<IReadOnlyList<Member>, bool> done)
    {
        var deadline = DateTime.UtcNow + ConvergeTimeout;
        var last = "(no answer yet)";
        while (DateTime.UtcNow < deadline)
        {
            var result = await cli.RunAsync(["cluster", "members", "-o", "json"], CommandTimeout);
            if (result.ExitCode == UnavailableExit)
            {
                last = result.StandardError;
            }
            else
            {
                result.ExitCode.Should().Be(0, result.Describe());
                last = result.StandardOutput;
                var members = Parse(result.StandardOutput);
                if (done(members))
                {
                    return members;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"cluster members did not reach the expected state within {ConvergeTimeout.TotalSeconds} s; last:\n{last}\n{cluster.Logs()}");
    }

    private static List<Member> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("members").EnumerateArray().Select(static m => new Member(
            m.GetProperty("address").GetString()!,
            m.GetProperty("status").GetString()!,
            m.GetProperty("reachable").GetBoolean(),
            m.GetProperty("oldest").GetBoolean(),
            m.GetProperty("is_self").GetBoolean()))];
    }

    /// <summary>The fields of one `cluster members` JSON entry the test looks at.</summary>
    private sealed record Member(string Address, string Status, bool Reachable, bool Oldest, bool IsSelf);
}
