using FluentAssertions;
using Grpc.Core;
using PairDb.Cli.Commands;
using PairDb.Cli.Tests.Support;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Tests.EndToEnd;

public sealed class SecurityCommandsTests : EndToEndTest
{
    private const string Token = "pdb_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    public SecurityCommandsTests(FakeCoordinatorServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task TokenCreate_Table_PrintsTheTokenOnceWithItsId()
    {
        // Arrange
        Fake.CreateTenantToken = static r => new CreateTenantTokenResponse { Success = true, Info = Info(r.TenantId, revokedAt: 0), Token = Token };

        // Act
        var result = await Cli.RunAsync("tenant", "token", "create", "shop");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        Fake.Received<CreateTenantTokenRequest>().Single().TenantId.Should().Be("shop");
        result.Stdout.Should().Contain(Token).And.Contain("0123456789abcdef").And.Contain("shown only now");
    }

    [Fact]
    public async Task TokenList_Json_SendsLimitAndPrintsTokensWithoutSecrets()
    {
        // Arrange
        Fake.ListTenantTokens = static r => new ListTenantTokensResponse { Success = true, Tokens = { Info(r.TenantId, revokedAt: 1_764_000_000) } };

        // Act
        var result = await Cli.RunAsync("tenant", "token", "list", "shop", "--limit", "5", "-o", "json");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        Fake.Received<ListTenantTokensRequest>().Single().PageSize.Should().Be(5);
        result.Stdout.Should().Contain("\"token_id\": \"0123456789abcdef\"").And.Contain("\"prefix\": \"pdb_0123456789abcdef\"").And.Contain("\"revoked_at\": 1764000000");
    }

    [Fact]
    public async Task TokenRevoke_SendsTheIdAndPrintsTheRevokedToken()
    {
        // Arrange
        Fake.RevokeTenantToken = static r => new RevokeTenantTokenResponse { Success = true, Info = Info("shop", revokedAt: 1_764_000_000) };

        // Act
        var result = await Cli.RunAsync("tenant", "token", "revoke", "0123456789abcdef");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        Fake.Received<RevokeTenantTokenRequest>().Single().TokenId.Should().Be("0123456789abcdef");
        result.Stdout.Should().Contain("Revoked").And.Contain("2025-11-24");
    }

    [Fact]
    public async Task AuditList_Table_SendsPageAndPrintsRecordsWithTheNextPage()
    {
        // Arrange
        Fake.ListAuditRecords = static _ => new ListAuditRecordsResponse
        {
            Success = true,
            Records = { new AuditRecord { Id = 42, AtMicros = 1_764_000_000_000_000, Caller = "admin", Method = "/proto.CoordinatorService/CreateTenant", Target = "shop", Status = "OK" } },
            NextBeforeId = 42,
        };

        // Act
        var result = await Cli.RunAsync("audit", "list", "--limit", "1", "--before", "50");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        var request = Fake.Received<ListAuditRecordsRequest>().Single();
        (request.PageSize, request.BeforeId).Should().Be((1, 50L));
        result.Stdout.Should().Contain("/proto.CoordinatorService/CreateTenant").And.Contain("shop").And.Contain("--before 42");
    }

    [Fact]
    public async Task Token_FlagOrEnvironment_SentAsBearerHeader()
    {
        // Arrange
        Fake.ListTenants = static _ => Samples.Tenants();

        // Act
        await Cli.RunAsync("tenant", "list", "--token", "from-flag");
        var fromFlag = Fake.LastAuthorizationHeader;
        Cli.Variables[GlobalOptions.TokenVariable] = "from-env";
        await Cli.RunAsync("tenant", "list");
        var fromEnvironment = Fake.LastAuthorizationHeader;
        Cli.Variables.Remove(GlobalOptions.TokenVariable);
        await Cli.RunAsync("tenant", "list");
        var none = Fake.LastAuthorizationHeader;

        // Assert
        fromFlag.Should().Be("Bearer from-flag");
        fromEnvironment.Should().Be("Bearer from-env");
        none.Should().BeNull();
    }

    [Theory]
    [InlineData(StatusCode.Unauthenticated)]
    [InlineData(StatusCode.PermissionDenied)]
    public async Task Denied_Status_ExitsSevenWithOneLine(StatusCode status)
    {
        // Arrange
        Fake.ListTenants = _ => throw new RpcException(new Status(status, "no"));

        // Act
        var result = await Cli.RunAsync("tenant", "list");

        // Assert
        result.ExitCode.Should().Be(7);
        result.Stderr.Trim().Should().StartWith("pairdb: list tenants:");
    }

    private static TenantTokenInfo Info(string tenant, long revokedAt) => new()
    {
        TokenId = "0123456789abcdef", TenantId = tenant, Prefix = "pdb_0123456789abcdef", CreatedAt = 1_763_000_000, RevokedAt = revokedAt,
    };
}
