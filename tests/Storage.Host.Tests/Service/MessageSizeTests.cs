using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using PairDb.Messages.Validation;
using PairDb.Protocol.Storage;
using PairDb.Storage.Hosting;
using PairDb.Storage.Tests.Support;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Storage.Tests.Service;

/// <summary>
/// A request past MAX_MESSAGE_BYTES is refused RESOURCE_EXHAUSTED however much of it has arrived when the node looks
/// at it (the fuzz test found oversized batches answered UNKNOWN "Exception was thrown by handler" instead).
/// </summary>
public sealed class MessageSizeTests : WireNodeTest
{
    private const int MaxValueBytes = 16 * 1024;

    // The smallest limits there are: 4 x (16 KiB + 64 KiB of envelope) = 320 KiB per message.
    private static readonly int MaxMessageBytes = RequestLimits.MaxMessageBytes(MaxValueBytes, MaxValueBytes);

    protected override StorageNodeOptions Configure(StorageNodeOptions defaults) =>
        defaults with { MaxValueBytes = MaxValueBytes, MaxBatchBytes = MaxValueBytes };

    [Theory]
    [InlineData(21)]
    [InlineData(64)]
    public async Task WriteBatch_PastMessageLimit_ResourceExhausted(int writes)
    {
        var request = Batch(writes);
        request.CalculateSize().Should().BeGreaterThan(MaxMessageBytes);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var act = () => Client.WriteBatchAsync(request).ResponseAsync;

            (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.ResourceExhausted, "attempt {0}", attempt);
        }
    }

    [Fact]
    public async Task WriteBatch_UnderMessageLimit_Applied()
    {
        var response = await Client.WriteBatchAsync(Batch(3));

        response.Results.Should().HaveCount(3).And.OnlyContain(r => r.StatusCode == 0);
    }

    /// <summary><paramref name="writes"/> writes of 16 KiB values: twenty or more are past the 320 KiB message limit.</summary>
    private static WriteBatchRequest Batch(int writes)
    {
        var request = new WriteBatchRequest();
        for (var i = 0; i < writes; i++)
        {
            request.Writes.Add(new WriteRequest
            {
                TenantId = "t",
                Key = "k" + i,
                Version = new Version { Value = ByteString.CopyFrom(new byte[MaxValueBytes]), Clock = { new ClockEntry { NodeId = "a", Counter = 1 } }, TimestampMicros = 1 },
            });
        }

        return request;
    }
}
