using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Security;

/// <summary>
/// A real in-process coordinator with authentication on: tenant tokens reach only their tenant's keys, never an admin
/// method; no or a wrong token is UNAUTHENTICATED; health stays open; revocation and the audit records, over the wire.
/// </summary>
public sealed class AuthenticationWireTests : IAsyncLifetime
{
    private const string AdminToken = "admin-token-for-tests-0123456789abcdef";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private InProcessCoordinator? _coordinator;

    private CoordinatorService.CoordinatorServiceClient Client =>
        (_coordinator ?? throw new InvalidOperationException("The coordinator starts in InitializeAsync.")).Client;

    public async Task InitializeAsync() =>
        _coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with { AuthEnabled = true, AdminToken = new SecretText(AdminToken) });

    public async Task DisposeAsync()
    {
        if (_coordinator is not null)
        {
            await _coordinator.DisposeAsync();
        }
    }

    [Fact]
    public async Task DataMethods_TenantTokenOnOtherTenant_PermissionDeniedOnOwnTenantOk()
    {
        // Arrange
        var tokenA = await TenantWithTokenAsync("tenant-a");
        await TenantWithTokenAsync("tenant-b");
        var asA = Bearer(tokenA);

        // Act
        await Client.WriteKeyValueAsync(Write("tenant-a", "k"), asA);
        var ownRead = await Client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "tenant-a", Key = "k" }, asA);
        var ownTenant = await Client.GetTenantAsync(new GetTenantRequest { TenantId = "tenant-a" }, asA);
        var denied = new Func<Task>[]
        {
            () => Client.WriteKeyValueAsync(Write("tenant-b", "k"), asA).ResponseAsync,
            () => Client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "tenant-b", Key = "k" }, asA).ResponseAsync,
            () => Client.DeleteKeyValueAsync(new DeleteKeyValueRequest { TenantId = "tenant-b", Key = "k" }, asA).ResponseAsync,
            () => Client.BatchReadAsync(new BatchReadRequest { TenantId = "tenant-b", Keys = { "k" } }, asA).ResponseAsync,
            () => Client.BatchWriteAsync(new BatchWriteRequest { TenantId = "tenant-b", Items = { new BatchWriteItem { Key = "k", Value = ByteString.CopyFromUtf8("v") } } }, asA).ResponseAsync,
            () => Client.GetTenantAsync(new GetTenantRequest { TenantId = "tenant-b" }, asA).ResponseAsync,
        };

        // Assert
        ownRead.Value.ToStringUtf8().Should().Be("v");
        ownTenant.TenantId.Should().Be("tenant-a");
        foreach (var call in denied)
        {
            (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        }
    }

    [Fact]
    public async Task AdminMethods_TenantToken_PermissionDeniedAndAuditedWithTheToken()
    {
        // Arrange
        var tokenA = await TenantWithTokenAsync("tenant-a");
        var asA = Bearer(tokenA);

        // Act
        var denied = new Func<Task>[]
        {
            () => Client.CreateTenantAsync(new CreateTenantRequest { TenantId = "x", ReplicationFactor = 1 }, asA).ResponseAsync,
            () => Client.ListTenantsAsync(new ListTenantsRequest(), asA).ResponseAsync,
            () => Client.UpdateReplicationFactorAsync(new UpdateReplicationFactorRequest { TenantId = "tenant-a", NewReplicationFactor = 2 }, asA).ResponseAsync,
            () => Client.ListStorageNodesAsync(new ListStorageNodesRequest(), asA).ResponseAsync,
            () => Client.RemoveStorageNodeAsync(new RemoveStorageNodeRequest { NodeId = "embedded-1" }, asA).ResponseAsync,
            () => Client.GetRingAsync(new GetRingRequest(), asA).ResponseAsync,
            () => Client.ListClusterMembersAsync(new ListClusterMembersRequest(), asA).ResponseAsync,
            () => Client.CreateTenantTokenAsync(new CreateTenantTokenRequest { TenantId = "tenant-a" }, asA).ResponseAsync,
            () => Client.ListAuditRecordsAsync(new ListAuditRecordsRequest(), asA).ResponseAsync,
        };
        foreach (var call in denied)
        {
            (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        }

        var audit = await Client.ListAuditRecordsAsync(new ListAuditRecordsRequest { PageSize = 100 }, Admin());

        // Assert
        var byToken = audit.Records.Where(r => r.Caller == "token:" + TokenIdOf(tokenA)).ToList();
        byToken.Should().HaveCount(denied.Length);
        byToken.Should().OnlyContain(r => r.Status == "PERMISSION_DENIED");
        byToken.Select(r => r.Method).Should().Contain("/proto.CoordinatorService/CreateTenant").And.Contain("/proto.CoordinatorService/ListAuditRecords");
        audit.Records.Should().Contain(r => r.Caller == "admin" && r.Method == "/proto.CoordinatorService/CreateTenantToken" && r.Target == "tenant-a" && r.Status == "OK");
    }

    [Fact]
    public async Task Calls_NoTokenOrWrongToken_UnauthenticatedAndHealthStaysOpen()
    {
        // Arrange
        var tokenA = await TenantWithTokenAsync("tenant-a");
        var tampered = tokenA[..^4] + (tokenA[^4..] == "AAAA" ? "BBBB" : "AAAA");

        // Act
        var noToken = () => Client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "tenant-a", Key = "k" }, deadline: Deadline()).ResponseAsync;
        var wrongAdmin = () => Client.ListTenantsAsync(new ListTenantsRequest(), Bearer(AdminToken + "x")).ResponseAsync;
        var wrongSecret = () => Client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "tenant-a", Key = "k" }, Bearer(tampered)).ResponseAsync;
        var notBearer = () => Client.ListTenantsAsync(new ListTenantsRequest(), new CallOptions(new Metadata { { "authorization", "Basic " + AdminToken } }, Deadline())).ResponseAsync;
        var health = await new Grpc.Health.V1.Health.HealthClient(_coordinator!.Channel).CheckAsync(new HealthCheckRequest(), deadline: Deadline());

        // Assert
        foreach (var call in new Func<Task>[] { noToken, wrongAdmin, wrongSecret, notBearer })
        {
            (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
        }

        health.Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);
    }

    [Fact]
    public async Task RevokeTenantToken_ThenCall_UnauthenticatedAndListShowsItRevokedWithoutSecret()
    {
        // Arrange
        var tokenA = await TenantWithTokenAsync("tenant-a");
        await Client.WriteKeyValueAsync(Write("tenant-a", "k"), Bearer(tokenA));

        // Act
        var revoked = await Client.RevokeTenantTokenAsync(new RevokeTenantTokenRequest { TokenId = TokenIdOf(tokenA) }, Admin());
        var after = () => Client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "tenant-a", Key = "k" }, Bearer(tokenA)).ResponseAsync;
        var listed = await Client.ListTenantTokensAsync(new ListTenantTokensRequest { TenantId = "tenant-a" }, Admin());

        // Assert
        revoked.Info.RevokedAt.Should().BePositive();
        (await after.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
        listed.Tokens.Should().ContainSingle().Which.Prefix.Should().Be("pdb_" + TokenIdOf(tokenA));
        listed.ToString().Should().NotContain(tokenA[^43..], "the secret is shown only at creation");
    }

    [Fact]
    public async Task TokenMethods_BadArguments_InvalidArgumentOrNotFound()
    {
        // Act
        var unknownTenant = () => Client.CreateTenantTokenAsync(new CreateTenantTokenRequest { TenantId = "ghost" }, Admin()).ResponseAsync;
        var badId = () => Client.RevokeTenantTokenAsync(new RevokeTenantTokenRequest { TokenId = "not-an-id" }, Admin()).ResponseAsync;
        var unknownId = () => Client.RevokeTenantTokenAsync(new RevokeTenantTokenRequest { TokenId = "0123456789abcdef" }, Admin()).ResponseAsync;
        var pageTooLarge = () => Client.ListAuditRecordsAsync(new ListAuditRecordsRequest { PageSize = 1_000_000 }, Admin()).ResponseAsync;

        // Assert
        (await unknownTenant.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
        (await badId.Should().ThrowAsync<RpcException>()).Which.Status.Detail.Should().Contain("token_id");
        (await unknownId.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
        (await pageTooLarge.Should().ThrowAsync<RpcException>()).Which.Status.Detail.Should().Contain("page_size");
    }

    private static string TokenIdOf(string token) => token.Substring(4, 16);

    private static DateTime Deadline() => DateTime.UtcNow + CallTimeout;

    private static CallOptions Admin() => Bearer(AdminToken);

    private static CallOptions Bearer(string token) => new(new Metadata { { "authorization", "Bearer " + token } }, Deadline());

    private static WriteKeyValueRequest Write(string tenant, string key) => new() { TenantId = tenant, Key = key, Value = ByteString.CopyFromUtf8("v") };

    private async Task<string> TenantWithTokenAsync(string tenant)
    {
        await Client.CreateTenantAsync(new CreateTenantRequest { TenantId = tenant, ReplicationFactor = 1 }, Admin());
        return (await Client.CreateTenantTokenAsync(new CreateTenantTokenRequest { TenantId = tenant }, Admin())).Token;
    }
}
