using FluentAssertions;
using Google.Protobuf;
using Grpc.Net.Client;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>
/// The value limit is the only size cap on a client's request: Kestrel's own request body cap (30,000,000 bytes by
/// default) must not undercut a larger configured limit, or the call ends UNKNOWN instead of being written.
/// </summary>
public sealed class RequestBodyCapTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task WriteKeyValue_ValuePastKestrelsDefaultBodyCapWithinTheValueLimit_WrittenAndReadBack()
    {
        // Arrange: a 40 MiB value limit and a 31 MiB value, past Kestrel's default body cap.
        await using var coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with { MaxValueBytes = 40 * MiB });
        var value = new byte[31 * MiB];
        new Random(7).NextBytes(value);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        using var channel = GrpcChannel.ForAddress(coordinator.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * MiB });
        var client = new CoordinatorService.CoordinatorServiceClient(channel);

        // Act
        await client.WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = "default", Key = "big", Value = ByteString.CopyFrom(value) }, deadline: deadline);
        var read = await client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "default", Key = "big" }, deadline: deadline);

        // Assert
        read.Value.Span.SequenceEqual(value).Should().BeTrue();
    }
}
