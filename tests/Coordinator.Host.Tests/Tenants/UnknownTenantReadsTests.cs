using System.Globalization;
using FluentAssertions;
using Grpc.Core;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Tenants;

/// <summary>
/// Reads naming random tenant ids, sent over the wire to a running coordinator, leave its tenant cache at the configured
/// bound: a client cannot grow the coordinator's memory by inventing tenants.
/// </summary>
public sealed class UnknownTenantReadsTests
{
    private const int Reads = 100_000;
    private const int Workers = 32;
    private const int MaxMisses = 500;

    [Fact]
    public async Task ReadKeyValue_100000DistinctUnknownTenants_CacheStaysAtItsBound()
    {
        // Arrange
        await using var coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with { TenantCacheMaxMisses = MaxMisses });
        var write = await coordinator.Client.WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = "default", Key = "k", Value = Google.Protobuf.ByteString.CopyFromUtf8("v") },
            deadline: DateTime.UtcNow.AddSeconds(30));
        var tenants = coordinator.Runtime.Edge.Tenants;
        var next = -1;
        var notFound = 0;

        // Act: every read names a tenant id never used before.
        var workers = new Task[Workers];
        for (var w = 0; w < Workers; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < Reads)
                {
                    var tenant = "random-" + i.ToString(CultureInfo.InvariantCulture);
                    try
                    {
                        await coordinator.Client.ReadKeyValueAsync(
                            new ReadKeyValueRequest { TenantId = tenant, Key = "k" }, deadline: DateTime.UtcNow.AddSeconds(30));
                    }
                    catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound && ex.Status.Detail.Contains(tenant, StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref notFound);
                    }
                }
            });
        }

        await Task.WhenAll(workers);
        var read = await coordinator.Client.ReadKeyValueAsync(
            new ReadKeyValueRequest { TenantId = "default", Key = "k" }, deadline: DateTime.UtcNow.AddSeconds(30));

        // Assert
        write.Success.Should().BeTrue();
        notFound.Should().Be(Reads, "every unknown tenant is NOT_FOUND naming it");
        tenants.UnknownCount.Should().BeLessThanOrEqualTo(MaxMisses);
        tenants.Count.Should().Be(1, "only the real tenant is cached as known");
        read.Value.ToStringUtf8().Should().Be("v", "the real tenant still serves after the flood");
    }
}
