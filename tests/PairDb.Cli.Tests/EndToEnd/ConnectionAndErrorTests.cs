using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using PairDb.Cli.Tests.Support;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Tests.EndToEnd;

public sealed class ConnectionAndErrorTests : EndToEndTest
{
    public ConnectionAndErrorTests(FakeCoordinatorServer server)
        : base(server)
    {
        Fake.ListStorageNodes = static _ => Samples.Nodes();
    }

    [Fact]
    public async Task AnyCommand_NothingListening_ExitsFourNamingTheAddress()
    {
        // Arrange: a port that was free a moment ago and has no listener now.
        var port = ClosedPort();
        var address = "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);

        // Act
        var result = await Cli.RunAsync("node", "list", "--coordinator", address);

        // Assert
        result.ExitCode.Should().Be(4);
        result.Stderr.Should().Be(
            $"pairdb: list storage nodes: UNAVAILABLE: cannot connect to the coordinator at {address}: connection refused (is it running? set --coordinator or PAIRDB_COORDINATOR)"
            + Environment.NewLine);
        result.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task AnyCommand_SlowerThanTimeout_ExitsFourWithDeadline()
    {
        // Arrange
        Fake.Delay = TimeSpan.FromSeconds(30);

        // Act
        var result = await Cli.RunAsync("node", "list", "--timeout", "200ms");

        // Assert
        result.ExitCode.Should().Be(4);
        result.Stderr.Should().StartWith("pairdb: list storage nodes: DEADLINE_EXCEEDED:").And.Contain("within --timeout 200ms");
    }

    [Theory]
    // Grpc.Net.Client sends the time left until the deadline when the request goes out (rounded up to three
    // significant figures), so the header is the --timeout less the moments before sending, never more.
    [InlineData(null, 10_000)]
    [InlineData("1500ms", 1_500)]
    public async Task AnyCommand_Timeout_SentAsGrpcDeadline(string? timeout, int expectedMilliseconds)
    {
        // Arrange
        var expected = TimeSpan.FromMilliseconds(expectedMilliseconds);

        // Act
        var result = timeout is null ? await Cli.RunAsync("node", "list") : await Cli.RunAsync("node", "list", "--timeout", timeout);

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        Fake.LastTimeoutHeader.Should().NotBeNull();
        GrpcTimeoutHeader.Parse(Fake.LastTimeoutHeader!).Should().BeLessThanOrEqualTo(expected).And.BeGreaterThan(expected - TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task CoordinatorFlag_OverridesEnvironment()
    {
        // Arrange: the environment points nowhere; the flag at the fake.
        Cli.Variables["PAIRDB_COORDINATOR"] = "127.0.0.1:" + ClosedPort().ToString(CultureInfo.InvariantCulture);

        // Act
        var result = await Cli.RunAsync("--coordinator", Server.Address, "node", "list");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
    }

    [Fact]
    public async Task Environment_InvalidCoordinator_UsageError()
    {
        // Arrange
        Cli.Variables["PAIRDB_COORDINATOR"] = "no-port-here";

        // Act
        var result = await Cli.RunAsync("node", "list");

        // Assert
        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Be("pairdb: list storage nodes: usage: PAIRDB_COORDINATOR: 'no-port-here' is not HOST:PORT (e.g. 127.0.0.1:50051)." + Environment.NewLine);
        Fake.Received<ListStorageNodesRequest>().Should().BeEmpty();
    }

    [Fact]
    public async Task UnimplementedMethod_ExitsSixWithServerMessage()
    {
        // Arrange: AddStorageNode is not set, so the fake answers UNIMPLEMENTED.

        // Act
        var result = await Cli.RunAsync("node", "add", "storage-4", "--host", "h", "--port", "1");

        // Assert
        result.ExitCode.Should().Be(6);
        result.Stderr.Should().Be("pairdb: add storage node storage-4: UNIMPLEMENTED: Method '/proto.CoordinatorService/AddStorageNode' is not implemented by this fake." + Environment.NewLine);
    }

    [Fact]
    public async Task SuccessFalseInBody_TreatedAsServerError()
    {
        // Arrange: the original PairDB way of failing, inside an OK response.
        Fake.GetTenant = static _ => new GetTenantResponse { Success = false, ErrorMessage = "tenant store offline" };

        // Act
        var result = await Cli.RunAsync("tenant", "get", "shop");

        // Assert
        result.ExitCode.Should().Be(6);
        result.Stderr.Should().Be("pairdb: get tenant shop: UNKNOWN: tenant store offline" + Environment.NewLine);
    }

    [Fact]
    public async Task UsageError_ExitsOneWithHintOnStderrOnly()
    {
        // Act
        var result = await Cli.RunAsync("node", "add", "storage-4", "--host", "h", "--port", "0");

        // Assert
        result.ExitCode.Should().Be(1);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Be(
            "pairdb: node add: usage: --port: '0' is not a whole number from 1 to 65535." + Environment.NewLine
            + "Run 'pairdb node add --help' for usage." + Environment.NewLine);
    }

    [Fact]
    public async Task Help_Root_ListsCommandsAndExitCodes()
    {
        // Act
        var result = await Cli.RunAsync("--help");

        // Assert
        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Contain("cluster").And.Contain("ring").And.Contain("node").And.Contain("tenant").And.Contain("migration").And.Contain("kv");
        result.Stdout.Should().Contain("Exit codes:").And.Contain("5  watched migration failed or was cancelled");
        Fake.Received<ListStorageNodesRequest>().Should().BeEmpty();
    }

    [Fact]
    public async Task Help_Subcommand_ShowsItsOptions()
    {
        // Act
        var result = await Cli.RunAsync("migration", "status", "--help");

        // Assert
        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Contain("--watch").And.Contain("--interval").And.Contain("--coordinator").And.Contain("Exit codes:");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
