using FluentAssertions;
using Grpc.Core;
using PairDb.Cli.Tests.Support;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Tests.EndToEnd;

public sealed class ClusterAndRingTests : EndToEndTest
{
    public ClusterAndRingTests(FakeCoordinatorServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task ClusterStatus_AllMethods_ComposesSummary()
    {
        // Arrange
        Fake.ListStorageNodes = static _ => Samples.Nodes();
        Fake.ListTenants = static _ => Samples.Tenants();
        Fake.ListMigrations = static _ => new ListMigrationsResponse { Success = true, Migrations = { Samples.Migration("m-1", "in_progress", 40, 400) } };
        Fake.GetRing = static _ => Samples.Ring();

        // Act
        var result = await Cli.RunAsync("cluster", "status", "--output", "json");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        var json = Json(result);
        json.GetProperty("coordinator").GetString().Should().Be(Server.Address);
        json.GetProperty("node_count").GetInt32().Should().Be(4);
        json.GetProperty("tenant_count").GetInt32().Should().Be(2);
        json.GetProperty("active_migrations").GetArrayLength().Should().Be(1);
        Fake.Received<ListMigrationsRequest>().Single().ActiveOnly.Should().BeTrue();
        Fake.Received<GetRingRequest>().Single().TenantId.Should().BeEmpty();
    }

    [Fact]
    public async Task ClusterStatus_NewMethodsUnimplemented_StillSummarisesNodes()
    {
        // Arrange: only ListStorageNodes, as an original PairDB coordinator.
        Fake.ListStorageNodes = static _ => Samples.Nodes();

        // Act
        var result = await Cli.RunAsync("cluster", "status");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("Storage nodes").And.Contain("2 (storage-1, storage-2)").And.Contain("n/a (not implemented by this coordinator)");
    }

    [Fact]
    public async Task ClusterStatus_NodesUnavailable_ExitsFour()
    {
        // Arrange
        Fake.ListStorageNodes = static _ => throw new RpcException(new Status(StatusCode.Unavailable, "metadata store unreachable"));
        Fake.ListTenants = static _ => Samples.Tenants();

        // Act
        var result = await Cli.RunAsync("cluster", "status");

        // Assert
        result.ExitCode.Should().Be(4);
        result.Stderr.Should().Be("pairdb: cluster status: UNAVAILABLE: metadata store unreachable" + Environment.NewLine);
    }

    [Fact]
    public async Task ClusterStatus_OtherPartFails_FailsTheCommand()
    {
        // Arrange: only UNIMPLEMENTED is tolerated; a real failure of a part is reported.
        Fake.ListStorageNodes = static _ => Samples.Nodes();
        Fake.ListTenants = static _ => throw new RpcException(new Status(StatusCode.Internal, "boom"));

        // Act
        var result = await Cli.RunAsync("cluster", "status");

        // Assert
        result.ExitCode.Should().Be(6);
        result.Stderr.Should().Be("pairdb: cluster status: INTERNAL: boom" + Environment.NewLine);
    }

    [Fact]
    public async Task RingShow_Tenant_SentAndPercentagesPrinted()
    {
        // Arrange
        Fake.GetRing = static _ => Samples.Ring();

        // Act
        var result = await Cli.RunAsync("ring", "show", "--tenant", "shop");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        Fake.Received<GetRingRequest>().Single().TenantId.Should().Be("shop");
        result.Stdout.Should().Contain("34.1%").And.Contain("66.7%").And.Contain("(tenant shop)");
    }

    [Fact]
    public async Task RingShow_UnknownTenant_ExitsNotFound()
    {
        // Arrange
        Fake.GetRing = static r => throw new RpcException(new Status(StatusCode.NotFound, $"Tenant '{r.TenantId}' not found."));

        // Act
        var result = await Cli.RunAsync("ring", "show", "--tenant", "ghost");

        // Assert
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Be("pairdb: ring show for tenant ghost: NOT_FOUND: Tenant 'ghost' not found." + Environment.NewLine);
    }
}
