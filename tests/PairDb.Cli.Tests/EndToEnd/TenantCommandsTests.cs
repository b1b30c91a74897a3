using FluentAssertions;
using Grpc.Core;
using PairDb.Cli.Tests.Support;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Tests.EndToEnd;

public sealed class TenantCommandsTests : EndToEndTest
{
    public TenantCommandsTests(FakeCoordinatorServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task TenantList_Table_PrintsTenants()
    {
        // Arrange
        Fake.ListTenants = static _ => Samples.Tenants();

        // Act
        var result = await Cli.RunAsync("tenant", "list");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("default").And.Contain("shop").And.Contain("2 tenants");
    }

    [Fact]
    public async Task TenantCreate_WithRf_SendsFactorAndPrintsTenant()
    {
        // Arrange
        Fake.CreateTenant = static r => new CreateTenantResponse { Success = true, TenantId = r.TenantId, ReplicationFactor = r.ReplicationFactor, CreatedAt = Samples.CreatedAt };

        // Act
        var result = await Cli.RunAsync("tenant", "create", "shop", "--rf", "2", "-o", "json");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        var request = Fake.Received<CreateTenantRequest>().Single();
        request.TenantId.Should().Be("shop");
        request.ReplicationFactor.Should().Be(2);
        Json(result).GetProperty("replication_factor").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task TenantCreate_NoRf_SendsZeroForServerDefault()
    {
        // Arrange
        Fake.CreateTenant = static r => new CreateTenantResponse { Success = true, TenantId = r.TenantId, ReplicationFactor = 3 };

        // Act
        var result = await Cli.RunAsync("tenant", "create", "shop");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        Fake.Received<CreateTenantRequest>().Single().ReplicationFactor.Should().Be(0);
        result.Stdout.Should().Contain("shop");
    }

    [Fact]
    public async Task TenantCreate_RfAboveNodes_ExitsRejectedWithServerMessage()
    {
        // Arrange
        Fake.CreateTenant = static _ => throw new RpcException(new Status(StatusCode.FailedPrecondition, "Replication factor 5 is above the 3 active storage nodes."));

        // Act
        var result = await Cli.RunAsync("tenant", "create", "shop", "--rf", "5");

        // Assert
        result.ExitCode.Should().Be(3);
        result.Stderr.Should().Be("pairdb: create tenant shop: FAILED_PRECONDITION: Replication factor 5 is above the 3 active storage nodes." + Environment.NewLine);
    }

    [Fact]
    public async Task TenantGet_Unknown_ExitsNotFound()
    {
        // Arrange
        Fake.GetTenant = static r => throw new RpcException(new Status(StatusCode.NotFound, $"Tenant '{r.TenantId}' not found."));

        // Act
        var result = await Cli.RunAsync("tenant", "get", "ghost");

        // Assert
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Be("pairdb: get tenant ghost: NOT_FOUND: Tenant 'ghost' not found." + Environment.NewLine);
        result.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task TenantGet_Known_PrintsFields()
    {
        // Arrange
        Fake.GetTenant = static r => Samples.Tenant(r.TenantId, 3);

        // Act
        var result = await Cli.RunAsync("tenant", "get", "default");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("default").And.Contain("Replication factor");
    }

    [Fact]
    public async Task TenantSetRf_PrintsOldNewAndMigration()
    {
        // Arrange
        Fake.UpdateReplicationFactor = static r => new UpdateReplicationFactorResponse
        {
            Success = true, TenantId = r.TenantId, OldReplicationFactor = 2, NewReplicationFactor = r.NewReplicationFactor, MigrationId = "mig-rf-1",
        };

        // Act
        var result = await Cli.RunAsync("tenant", "set-rf", "shop", "3");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("2 -> 3").And.Contain("mig-rf-1");
        Fake.Received<UpdateReplicationFactorRequest>().Single().NewReplicationFactor.Should().Be(3);
    }

    [Fact]
    public async Task TenantSetRf_WatchCancelled_ExitsFive()
    {
        // Arrange
        Fake.UpdateReplicationFactor = static r => new UpdateReplicationFactorResponse { Success = true, TenantId = r.TenantId, OldReplicationFactor = 2, NewReplicationFactor = 3, MigrationId = "mig-rf-2" };
        Fake.GetMigrationStatus = static r => Samples.Migration(r.MigrationId, "cancelled", 10, 100, reason: "cancelled by operator");

        // Act
        var result = await Cli.RunAsync("tenant", "set-rf", "shop", "3", "--watch", "--interval", "10ms", "--output", "json");

        // Assert
        result.ExitCode.Should().Be(5, result.ToString());
        Json(result).GetProperty("migration").GetProperty("status").GetString().Should().Be("cancelled");
        result.Stderr.Should().Be("pairdb: migration mig-rf-2: cancelled: cancelled by operator" + Environment.NewLine);
    }

    [Fact]
    public async Task TenantLimitsSet_Limits_SendsThemAndPrintsTheResult()
    {
        // Arrange
        Fake.SetTenantLimits = static r => new SetTenantLimitsResponse
        {
            Success = true, TenantId = r.TenantId, RequestsPerSecond = r.RequestsPerSecond, BytesPerSecond = r.BytesPerSecond, UpdatedAt = Samples.CreatedAt,
        };

        // Act
        var result = await Cli.RunAsync("tenant", "limits", "set", "shop", "--requests-per-second", "100", "-o", "json");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        Fake.Received<SetTenantLimitsRequest>().Single().Should().Be(new SetTenantLimitsRequest { TenantId = "shop", RequestsPerSecond = 100 });
        Json(result).GetProperty("limits").GetProperty("requests_per_second").GetInt64().Should().Be(100);
    }

    [Fact]
    public async Task TenantLimitsSet_UseDefaults_SendsUseDefaults()
    {
        // Arrange
        Fake.SetTenantLimits = static r => new SetTenantLimitsResponse { Success = true, TenantId = r.TenantId, LimitsFromDefaults = true };

        // Act
        var result = await Cli.RunAsync("tenant", "limits", "set", "shop", "--use-defaults");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        Fake.Received<SetTenantLimitsRequest>().Single().Should().Be(new SetTenantLimitsRequest { TenantId = "shop", UseDefaults = true });
        result.Stdout.Should().Contain("unlimited (default)");
    }

    [Fact]
    public async Task TenantList_Table_ShowsRateLimits()
    {
        // Arrange
        Fake.ListTenants = static _ => Samples.Tenants();

        // Act
        var result = await Cli.RunAsync("tenant", "list");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("REQUESTS/S").And.Contain("250").And.Contain("unlimited");
    }
}
