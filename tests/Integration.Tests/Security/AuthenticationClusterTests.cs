using System.Diagnostics;
using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using PairDb.Client;
using PairDb.Integration.Tests.Cluster;
using PairDb.Integration.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;
using Xunit.Abstractions;

namespace PairDb.Integration.Tests.Security;

/// <summary>
/// Authentication in the production shape: coordinator processes in one cluster on the test PostgreSQL and Redis, with
/// authentication on. Tenant tokens stay within their tenant, revocation reaches every coordinator, admin calls are audited.
/// </summary>
[Collection(TestServersCollection.Name)]
public sealed class AuthenticationClusterTests
{
    private const string AdminToken = "integration-admin-token-0123456789abcdef";

    /// <summary>The bound: a revoked token stops working within 1 s on every coordinator.</summary>
    private static readonly TimeSpan RevocationBound = TimeSpan.FromSeconds(1);

    private readonly TestServers _servers;
    private readonly ITestOutputHelper _output;

    public AuthenticationClusterTests(TestServers servers, ITestOutputHelper output)
    {
        _servers = servers;
        _output = output;
    }

    [Fact]
    public async Task TenantTokens_TwoTenants_NeitherReachesTheOtherNorAdminMethods_AndEveryAdminCallIsAudited()
    {
        // Arrange
        await using var cluster = await StartAsync(coordinators: 1);
        var client = cluster.Coordinator().CoordinatorClient();
        var tokenA = await TenantWithTokenAsync(client, "tenant-a");
        var tokenB = await TenantWithTokenAsync(client, "tenant-b");
        await client.WriteKeyValueAsync(Write("tenant-b", "secret-key"), Bearer(tokenB));

        // Act
        var crossTenant = new Func<Task>[]
        {
            () => client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "tenant-b", Key = "secret-key" }, Bearer(tokenA)).ResponseAsync,
            () => client.WriteKeyValueAsync(Write("tenant-b", "secret-key"), Bearer(tokenA)).ResponseAsync,
            () => client.DeleteKeyValueAsync(new DeleteKeyValueRequest { TenantId = "tenant-b", Key = "secret-key" }, Bearer(tokenA)).ResponseAsync,
            () => client.BatchReadAsync(new BatchReadRequest { TenantId = "tenant-b", Keys = { "secret-key" } }, Bearer(tokenA)).ResponseAsync,
            () => client.BatchWriteAsync(
                new BatchWriteRequest { TenantId = "tenant-b", Items = { new BatchWriteItem { Key = "secret-key", Delete = true } } }, Bearer(tokenA)).ResponseAsync,
        };
        var adminWithTenantToken = new Func<Task>[]
        {
            () => client.ListTenantsAsync(new ListTenantsRequest(), Bearer(tokenA)).ResponseAsync,
            () => client.CreateTenantAsync(new CreateTenantRequest { TenantId = "tenant-c", ReplicationFactor = 1 }, Bearer(tokenA)).ResponseAsync,
            () => client.RevokeTenantTokenAsync(new RevokeTenantTokenRequest { TokenId = TokenIdOf(tokenB) }, Bearer(tokenA)).ResponseAsync,
            () => client.ListStorageNodesAsync(new ListStorageNodesRequest(), Bearer(tokenA)).ResponseAsync,
        };
        var unauthenticated = new Func<Task>[]
        {
            () => client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "tenant-a", Key = "k" }, GrpcClients.Within(TimeSpan.FromSeconds(30))).ResponseAsync,
            () => client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "tenant-a", Key = "k" }, Bearer(tokenA[..^1] + (tokenA[^1] == 'A' ? 'B' : 'A'))).ResponseAsync,
            () => client.ListTenantsAsync(new ListTenantsRequest(), Bearer("not-the-admin-token")).ResponseAsync,
        };

        // Assert
        foreach (var call in crossTenant.Concat(adminWithTenantToken))
        {
            (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        }

        foreach (var call in unauthenticated)
        {
            (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
        }

        using var tenantClient = new PairDbClient(new PairDbClientOptions { Addresses = { cluster.Coordinator().Target }, DefaultTenant = "tenant-a", Token = tokenA });
        await tenantClient.WriteAsync("via-client", "x"u8.ToArray());
        (await tenantClient.ReadAsync("via-client"))!.Value.Should().Equal("x"u8.ToArray());
        var clientOnB = () => tenantClient.ReadAsync("secret-key", new PairDbCallOptions { Tenant = "tenant-b" });
        (await clientOnB.Should().ThrowAsync<PairDbException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);

        var stillThere = await client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "tenant-b", Key = "secret-key" }, Bearer(tokenB));
        stillThere.Value.ToStringUtf8().Should().Be("v", "tenant A's refused delete and batch delete changed nothing");

        var audit = await client.ListAuditRecordsAsync(new ListAuditRecordsRequest { PageSize = 1000 }, Bearer(AdminToken));
        string Describe() => string.Join("\n", audit.Records.Select(static r => $"{r.Id} {r.Caller} {r.Method} '{r.Target}' {r.Status}"));
        foreach (var tenant in new[] { "tenant-a", "tenant-b" })
        {
            audit.Records.Should().Contain(r => r.Caller == "admin" && r.Method.EndsWith("/CreateTenant", StringComparison.Ordinal) && r.Target == tenant && r.Status == "OK", Describe());
            audit.Records.Should().Contain(r => r.Caller == "admin" && r.Method.EndsWith("/CreateTenantToken", StringComparison.Ordinal) && r.Target == tenant && r.Status == "OK", Describe());
        }

        audit.Records.Where(r => r.Caller == "token:" + TokenIdOf(tokenA)).Should().HaveCount(adminWithTenantToken.Length, Describe())
            .And.OnlyContain(r => r.Status == "PERMISSION_DENIED");
        audit.Records.Should().OnlyContain(r => r.Caller.Length > 0 && r.Method.Length > 0 && r.AtMicros > 0);
    }

    [Fact]
    public async Task RevokeTenantToken_ThroughOneCoordinator_StopsWorkingOnEveryCoordinatorWithinOneSecond()
    {
        // Arrange: both coordinators have the token cached (its TTL is far longer than the bound: only the change notice can help).
        await using var cluster = await StartAsync(coordinators: 2);
        var clients = new[] { cluster.Coordinator(0).CoordinatorClient(), cluster.Coordinator(1).CoordinatorClient() };
        var token = await TenantWithTokenAsync(clients[0], "tenant-r");
        foreach (var client in clients)
        {
            await client.WriteKeyValueAsync(Write("tenant-r", "k"), Bearer(token));
        }

        // Act
        await clients[1].RevokeTenantTokenAsync(new RevokeTenantTokenRequest { TokenId = TokenIdOf(token) }, Bearer(AdminToken));
        var revokedAt = Stopwatch.GetTimestamp();
        var stopped = await Task.WhenAll(clients.Select(client => TimeUntilRefusedAsync(client, token, revokedAt)));

        // Assert
        var measured = string.Join(", ", stopped.Select(static (t, i) => $"coordinator-{i}: {t.TotalMilliseconds:F0} ms"));
        _output.WriteLine("Revoked token refused after " + measured);
        stopped.Should().OnlyContain(t => t <= RevocationBound, $"a revoked token must stop working within {RevocationBound.TotalSeconds} s everywhere; measured {measured}\n{cluster.Logs()}");
        var audit = await clients[0].ListAuditRecordsAsync(new ListAuditRecordsRequest(), Bearer(AdminToken));
        audit.Records.Should().Contain(r => r.Caller == "admin" && r.Method.EndsWith("/RevokeTenantToken", StringComparison.Ordinal) && r.Target == TokenIdOf(token) && r.Status == "OK");
    }

    private static string TokenIdOf(string token) => token.Substring(4, 16);

    private static CallOptions Bearer(string token) =>
        new(new Metadata { { "authorization", "Bearer " + token } }, DateTime.UtcNow + TimeSpan.FromSeconds(30));

    private static WriteKeyValueRequest Write(string tenant, string key) => new() { TenantId = tenant, Key = key, Value = ByteString.CopyFromUtf8("v") };

    private static async Task<string> TenantWithTokenAsync(CoordinatorService.CoordinatorServiceClient client, string tenant)
    {
        await client.CreateTenantAsync(new CreateTenantRequest { TenantId = tenant, ReplicationFactor = 2 }, Bearer(AdminToken));
        return (await client.CreateTenantTokenAsync(new CreateTenantTokenRequest { TenantId = tenant }, Bearer(AdminToken))).Token;
    }

    /// <summary>Calls with the token until it is refused UNAUTHENTICATED; how long after <paramref name="since"/> that was (bounded by 30 s).</summary>
    private static async Task<TimeSpan> TimeUntilRefusedAsync(CoordinatorService.CoordinatorServiceClient client, string token, long since)
    {
        while (Stopwatch.GetElapsedTime(since) < TimeSpan.FromSeconds(30))
        {
            try
            {
                await client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "tenant-r", Key = "k" }, Bearer(token));
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
            {
                return Stopwatch.GetElapsedTime(since);
            }

            await Task.Delay(10);
        }

        return Stopwatch.GetElapsedTime(since);
    }

    private async Task<ClusterHarness> StartAsync(int coordinators)
    {
        var environment = await SharedStores.EnvironmentAsync(_servers);
        environment["AUTH_ENABLED"] = "true";
        environment["ADMIN_TOKEN"] = AdminToken;
        environment["TOKEN_CACHE_TTL_MS"] = "600000";
        return await ClusterHarness.StartAsync(storageNodes: 3, coordinators: coordinators, coordinatorEnvironment: environment, oneCluster: true);
    }
}
