using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Grpc.Core;
using PairDb.Client.Internal;

namespace PairDb.Client.Tests.Internal;

public sealed class CallRunnerTests
{
    [Fact]
    public void Describe_RetryAfterTrailer_Parsed()
    {
        // Arrange
        var trailers = new Metadata { { CallRunner.RetryAfterTrailer, "250" } };

        // Act
        var failure = CallRunner.Describe(new RpcException(new Status(StatusCode.ResourceExhausted, "busy"), trailers));

        // Assert
        failure.Should().Be(new FailedAttempt(StatusCode.ResourceExhausted, false, TimeSpan.FromMilliseconds(250)));
    }

    [Fact]
    public void Describe_BrokenConnection_ConnectionLost()
    {
        // Act
        var failure = CallRunner.Describe(new RpcException(new Status(StatusCode.Internal, "Error starting gRPC call.", new HttpRequestException("reset"))));

        // Assert
        failure.Should().Be(new FailedAttempt(StatusCode.Internal, true, null));
    }

    [Fact]
    public async Task ReadAsync_NoCoordinatorListening_RetriesEveryAddressThenUnavailable()
    {
        // Arrange
        using var client = ClientOf(maxAttempts: 4, ClosedPort(), ClosedPort());

        // Act
        var act = () => client.ReadAsync("k");

        // Assert
        (await act.Should().ThrowAsync<PairDbException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
    }

    [Fact]
    public async Task WriteAsync_CancelledDuringRetries_StopsAtOnceWithOperationCanceled()
    {
        // Arrange: retries that would go on for the whole minute of the call's deadline.
        using var client = ClientOf(maxAttempts: 1000, ClosedPort());
        using var cancel = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();

        // Act
        var write = client.WriteAsync("k", [1], new PairDbWriteOptions { Timeout = TimeSpan.FromMinutes(1) }, cancel.Token);
        await Task.Delay(300);
        await cancel.CancelAsync();
        var act = () => write;

        // Assert
        await act.Should().ThrowAsync<OperationCanceledException>();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "cancellation ends the call, not the deadline");
    }

    [Fact]
    public async Task ReadAsync_TimeoutBeyondTheCalendar_NoDeadlineAndTheRetriesEndTheCall()
    {
        // Arrange
        using var client = ClientOf(maxAttempts: 2, ClosedPort());

        // Act
        var act = () => client.ReadAsync("k", new PairDbCallOptions { Timeout = TimeSpan.MaxValue });

        // Assert
        (await act.Should().ThrowAsync<PairDbException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
    }

    [Fact]
    public async Task WriteAsync_PeerThatNeverAnswers_DeadlineExceededAtTheCallsDeadline()
    {
        // Arrange: a loopback listener that takes connections and never says a word (an HTTP/2 peer that hangs).
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepting = silent.AcceptTcpClientAsync();
        using var client = ClientOf(maxAttempts: 5, "127.0.0.1:" + ((IPEndPoint)silent.LocalEndpoint).Port);
        var watch = Stopwatch.StartNew();

        // Act
        var act = () => client.WriteAsync("k", [1], new PairDbWriteOptions { Timeout = TimeSpan.FromMilliseconds(500) });

        // Assert
        (await act.Should().ThrowAsync<PairDbException>()).Which.StatusCode.Should().Be(StatusCode.DeadlineExceeded);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the call's 500 ms deadline applies, not the client's one minute");
        using var peer = await accepting;
        peer.Connected.Should().BeTrue("the call reached the peer and waited there for an answer");
    }

    [Fact]
    public async Task WriteAsync_CancelledBeforeTheCall_OperationCanceled()
    {
        // Arrange
        using var client = ClientOf(maxAttempts: 3, ClosedPort());

        // Act
        var act = () => client.WriteAsync("k", [1], cancellationToken: new CancellationToken(canceled: true));

        // Assert
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    private static PairDbClient ClientOf(int maxAttempts, params string[] addresses)
    {
        var options = new PairDbClientOptions { CallTimeout = TimeSpan.FromMinutes(1) };
        options.Retry.MaxAttempts = maxAttempts;
        options.Retry.InitialBackoff = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxBackoff = TimeSpan.FromMilliseconds(200);
        foreach (var address in addresses)
        {
            options.Addresses.Add(address);
        }

        return new PairDbClient(options);
    }

    /// <summary>A loopback port that was free a moment ago and on which nothing listens (connections are refused).</summary>
    private static string ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return "127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
