using FluentAssertions;
using Grpc.Core;
using PairDb.Protocol.Coordinator;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// A tenant's rate limits set through one coordinator reach another coordinator process, which had the tenant cached as
/// unlimited, without a restart (PostgreSQL LISTEN/NOTIFY, else the tenant cache's TTL); each enforces it on its own.
/// </summary>
public sealed class ClusterRateLimitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SetTenantLimits_ThroughOneCoordinator_EnforcedByTheOtherWithoutRestart()
    {
        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 2);
        var a = cluster.Coordinator(0).CoordinatorClient();
        var b = cluster.Coordinator(1).CoordinatorClient();
        for (var i = 0; i < 5; i++)
        {
            (await ReadCodeAsync(b)).Should().Be(StatusCode.NotFound, "the tenant is unlimited before the change");
        }

        var set = await a.SetTenantLimitsAsync(new SetTenantLimitsRequest { TenantId = "default", RequestsPerSecond = 1 }, deadline: DateTime.UtcNow + TimeSpan.FromSeconds(30));

        var until = DateTime.UtcNow + Patience;
        var refusedOnB = false;
        while (!refusedOnB && DateTime.UtcNow < until)
        {
            refusedOnB = await ReadCodeAsync(b) == StatusCode.ResourceExhausted;
        }

        var listedOnB = await b.GetTenantAsync(new GetTenantRequest { TenantId = "default" }, deadline: DateTime.UtcNow + TimeSpan.FromSeconds(30));
        var onA = new List<StatusCode> { await ReadCodeAsync(a), await ReadCodeAsync(a) };

        set.RequestsPerSecond.Should().Be(1);
        refusedOnB.Should().BeTrue("coordinator B must enforce the limit set through A within {0}\n{1}", Patience, cluster.Logs());
        (listedOnB.RequestsPerSecond, listedOnB.LimitsFromDefaults).Should().Be((1L, false));
        onA.Should().Contain(StatusCode.ResourceExhausted, "A enforces the limit too, with buckets of its own");
    }

    private static async Task<StatusCode> ReadCodeAsync(CoordinatorService.CoordinatorServiceClient client)
    {
        try
        {
            await client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "default", Key = "absent" }, deadline: DateTime.UtcNow + TimeSpan.FromSeconds(30));
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
