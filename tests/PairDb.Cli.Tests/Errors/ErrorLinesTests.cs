using System.Net.Sockets;
using FluentAssertions;
using Grpc.Core;
using PairDb.Cli.Errors;
using PairDb.Cli.Parsing;

namespace PairDb.Cli.Tests.Errors;

public sealed class ErrorLinesTests
{
    private static readonly CoordinatorAddress Coordinator = new("10.0.0.9", 50051);

    [Fact]
    public void Rpc_ServerStatus_FormatsWhatStatusAndMessage()
    {
        // Arrange
        var error = new RpcException(new Status(StatusCode.NotFound, "Tenant 'acme' not found."));

        // Act
        var line = ErrorLines.Rpc("get tenant acme", error, Coordinator, TimeSpan.FromSeconds(10));

        // Assert
        line.Should().Be("pairdb: get tenant acme: NOT_FOUND: Tenant 'acme' not found.");
    }

    [Fact]
    public void Rpc_ConnectionRefused_NamesTheAddress()
    {
        // Arrange: what Grpc.Net.Client throws when nothing listens (the cause is the status's debug exception).
        var socket = new SocketException((int)SocketError.ConnectionRefused);
        var error = new RpcException(new Status(
            StatusCode.Unavailable, "Error starting gRPC call. HttpRequestException: Connection refused (10.0.0.9:50051) SocketException: Connection refused", new HttpRequestException("Connection refused", socket)));

        // Act
        var line = ErrorLines.Rpc("list storage nodes", error, Coordinator, TimeSpan.FromSeconds(10));

        // Assert
        line.Should().Be("pairdb: list storage nodes: UNAVAILABLE: cannot connect to the coordinator at 10.0.0.9:50051: connection refused (is it running? set --coordinator or PAIRDB_COORDINATOR)");
    }

    [Theory]
    [InlineData(SocketError.HostNotFound, "host not found")]
    [InlineData(SocketError.TimedOut, "connection timed out")]
    [InlineData(SocketError.NetworkUnreachable, "network unreachable")]
    public void Rpc_OtherSocketErrors_DescribedPlainly(SocketError socketError, string expected)
    {
        // Arrange
        var error = new RpcException(new Status(StatusCode.Unavailable, "x", new HttpRequestException("x", new SocketException((int)socketError))));

        // Act
        var line = ErrorLines.Rpc("cluster status", error, Coordinator, TimeSpan.FromSeconds(1));

        // Assert
        line.Should().EndWith("cannot connect to the coordinator at 10.0.0.9:50051: " + expected);
    }

    [Fact]
    public void Rpc_DeadlineExceeded_NamesTimeoutAndAddress()
    {
        // Arrange
        var error = new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded."));

        // Act
        var line = ErrorLines.Rpc("list tenants", error, Coordinator, TimeSpan.FromMilliseconds(500));

        // Assert
        line.Should().Be("pairdb: list tenants: DEADLINE_EXCEEDED: Deadline exceeded. (no answer from 10.0.0.9:50051 within --timeout 500ms)");
    }

    [Fact]
    public void Rpc_ClientDeadlineWithoutDetail_SaysDeadlineExceeded()
    {
        // Arrange: what Grpc.Net.Client throws when its own deadline passes.
        var error = new RpcException(new Status(StatusCode.DeadlineExceeded, string.Empty));

        // Act
        var line = ErrorLines.Rpc("list tenants", error, Coordinator, TimeSpan.FromMilliseconds(500));

        // Assert
        line.Should().Be("pairdb: list tenants: DEADLINE_EXCEEDED: Deadline exceeded. (no answer from 10.0.0.9:50051 within --timeout 500ms)");
    }

    [Fact]
    public void Format_MultiLineOrEmptyMessage_StaysOneLine()
    {
        // Act
        var multi = ErrorLines.Format("kv get", "INTERNAL", "first\nsecond\r\nthird\n");
        var empty = ErrorLines.Format("kv get", "INTERNAL", string.Empty);

        // Assert
        multi.Should().Be("pairdb: kv get: INTERNAL: first second third");
        empty.Should().Be("pairdb: kv get: INTERNAL: (no message)");
    }

    [Fact]
    public void MigrationEnded_WithAndWithoutReason_NamesMigrationAndStatus()
    {
        // Act / Assert
        ErrorLines.MigrationEnded("m-7", "failed", "storage-4 unreachable").Should().Be("pairdb: migration m-7: failed: storage-4 unreachable");
        ErrorLines.MigrationEnded("m-7", "cancelled", string.Empty).Should().Be("pairdb: migration m-7: cancelled: the coordinator gave no reason");
    }
}
