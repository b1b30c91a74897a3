using System.Globalization;
using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using PairDb.Integration.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// Conditional writes under contention, through coordinator processes over shared PostgreSQL and Redis: 32 clients
/// race for one key, and the key's single writer decides every condition, so no update is lost and exactly one
/// if_absent write wins.
/// </summary>
[Collection(TestServersCollection.Name)]
public sealed class ConditionalWriteContentionTests(SharedOneCluster shared) : IClassFixture<SharedOneCluster>
{
    private const int Clients = 32;
    private const int SuccessesPerClient = 3;
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Counter_32ClientsIncrementWithIfClock_FinalValueEqualsSuccessfulWrites(int coordinators)
    {
        // Arrange: one coordinator alone, or the three of the shared cluster.
        await using var alone = coordinators == 1 ? await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 1) : null;
        var cluster = alone ?? shared.Cluster;
        using var stop = new CancellationTokenSource();
        var refusals = 0;

        // Act: each client reads the counter and writes it plus one if the clock is still the one it read, through the
        // coordinators in turn, until it has its share of successes.
        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var successes = 0;
            for (var attempt = 0; successes < SuccessesPerClient; attempt++)
            {
                stop.Token.ThrowIfCancellationRequested();
                var coordinator = cluster.Coordinator((client + attempt) % coordinators).CoordinatorClient();
                var (value, clock) = await ReadCounterAsync(coordinator, stop.Token);
                var request = Increment(value, clock);
                try
                {
                    await coordinator.WriteKeyValueAsync(request, GrpcClients.Within(TimeSpan.FromSeconds(30)).WithCancellationToken(stop.Token)).ResponseAsync;
                    successes++;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
                {
                    Interlocked.Increment(ref refusals);
                }
                catch (RpcException e) when (!stop.IsCancellationRequested)
                {
                    throw new InvalidOperationException(
                        $"Client {client}'s write of {request.Value.ToStringUtf8()} through coordinator {(client + attempt) % coordinators} failed: {e.StatusCode} {e.Status.Detail}\n{cluster.Logs()}", e);
                }
            }
        }, stop.Token)).ToArray();
        try
        {
            await Task.WhenAll(clients).WaitAsync(Bound);
        }
        finally
        {
            await StopAsync(stop, clients);
        }

        // Assert
        var (final, _) = await ReadCounterAsync(cluster.Coordinator(0).CoordinatorClient());
        final.Should().Be(Clients * SuccessesPerClient, $"every successful conditional write added one ({refusals} were refused)\n{cluster.Logs()}");
        var read = await Kv.ReadAsync(cluster.Coordinator(0), "counter");
        read.Siblings.Should().BeEmpty();
    }

    [Fact]
    public async Task IfAbsent_32ConcurrentClientsThroughThreeCoordinators_ExactlyOneSucceeds()
    {
        // Arrange
        var cluster = shared.Cluster;

        // Act
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var request = new WriteKeyValueRequest
            {
                TenantId = "default", Key = "claimed-once", Value = ByteString.CopyFromUtf8("client-" + client), IfAbsent = true,
            };
            try
            {
                await cluster.Coordinator(client % 3).CoordinatorClient().WriteKeyValueAsync(request, GrpcClients.Within(TimeSpan.FromSeconds(30))).ResponseAsync;
                return (Client: client, Code: StatusCode.OK);
            }
            catch (RpcException e)
            {
                return (Client: client, Code: e.StatusCode);
            }
        }))).WaitAsync(Bound);

        // Assert
        var winner = outcomes.Should().ContainSingle(o => o.Code == StatusCode.OK, cluster.Logs()).Subject;
        outcomes.Where(o => o.Code != StatusCode.OK).Should().OnlyContain(o => o.Code == StatusCode.FailedPrecondition);
        var read = await Kv.ReadAsync(cluster.Coordinator(2), "claimed-once");
        read.Value.ToStringUtf8().Should().Be("client-" + winner.Client);
        read.Siblings.Should().BeEmpty();
    }

    /// <summary>
    /// Cancels the clients (a test that failed or timed out leaves none running against the shared cluster) and waits
    /// until each has ended, however it ended; fails if one is still running after <see cref="StopBound"/>.
    /// </summary>
    private static async Task StopAsync(CancellationTokenSource stop, Task[] clients)
    {
        await stop.CancelAsync();
        var ended = Task.WhenAll(clients);
        if (await Task.WhenAny(ended, Task.Delay(StopBound)) != ended)
        {
            throw new TimeoutException($"{clients.Count(static c => !c.IsCompleted)} clients were still running {StopBound.TotalSeconds} s after they were cancelled.");
        }
    }

    private static async Task<(int Value, VectorClock? Clock)> ReadCounterAsync(CoordinatorService.CoordinatorServiceClient coordinator, CancellationToken cancellationToken = default)
    {
        try
        {
            var read = await coordinator.ReadKeyValueAsync(
                new ReadKeyValueRequest { TenantId = "default", Key = "counter" },
                GrpcClients.Within(TimeSpan.FromSeconds(30)).WithCancellationToken(cancellationToken)).ResponseAsync;
            return (int.Parse(read.Value.ToStringUtf8(), CultureInfo.InvariantCulture), read.VectorClock);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return (0, null);
        }
    }

    /// <summary>value + 1, if the key still has <paramref name="clock"/> (or, never written, still does not exist).</summary>
    private static WriteKeyValueRequest Increment(int value, VectorClock? clock)
    {
        var request = new WriteKeyValueRequest
        {
            TenantId = "default", Key = "counter", Value = ByteString.CopyFromUtf8((value + 1).ToString(CultureInfo.InvariantCulture)),
        };
        if (clock is null)
        {
            request.IfAbsent = true;
        }
        else
        {
            request.IfClock = clock;
        }

        return request;
    }
}
