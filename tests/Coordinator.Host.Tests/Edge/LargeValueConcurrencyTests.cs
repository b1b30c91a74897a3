using FluentAssertions;
using Google.Protobuf;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>
/// Large values written and read concurrently over the wire: calls to one storage node are coalesced into batches,
/// which must stay within the channel's message limits however large the values are.
/// </summary>
public sealed class LargeValueConcurrencyTests
{
    private const int KiB = 1024;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task WriteKeyValue_32ConcurrentWritesOf256KiB_AllSucceedAndReadBackByteExact()
    {
        await using var coordinator = await InProcessCoordinator.StartAsync();
        var values = Values(count: 32, size: 256 * KiB, seed: 1);

        await WriteAllAsync(coordinator.Client, "w256", values);

        await ReadBackAsync(coordinator.Client, "w256", values);
    }

    [Fact]
    public async Task WriteKeyValue_8ConcurrentWritesOf1MiB_AllSucceedAndReadBackByteExact()
    {
        await using var coordinator = await InProcessCoordinator.StartAsync();
        var values = Values(count: 8, size: 1024 * KiB, seed: 2);

        await WriteAllAsync(coordinator.Client, "w1m", values);

        await ReadBackAsync(coordinator.Client, "w1m", values);
    }

    [Fact]
    public async Task ReadKeyValue_40ConcurrentReadsOf1MiB_AllSucceedByteExact()
    {
        await using var coordinator = await InProcessCoordinator.StartAsync();
        var values = Values(count: 40, size: 1024 * KiB, seed: 3);
        for (var i = 0; i < values.Length; i++)
        {
            // One at a time: this test is about concurrent reads.
            await coordinator.Client.WriteKeyValueAsync(Write("r1m", i, values[i]), deadline: DateTime.UtcNow + CallTimeout);
        }

        await ReadBackAsync(coordinator.Client, "r1m", values);
    }

    private static byte[][] Values(int count, int size, int seed)
    {
        var random = new Random(seed);
        var values = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            values[i] = new byte[size];
            random.NextBytes(values[i]);
        }

        return values;
    }

    private static WriteKeyValueRequest Write(string prefix, int index, byte[] value) =>
        new() { TenantId = "default", Key = $"{prefix}-{index}", Value = ByteString.CopyFrom(value) };

    private static async Task WriteAllAsync(CoordinatorService.CoordinatorServiceClient client, string prefix, byte[][] values)
    {
        var writes = new Task<WriteKeyValueResponse>[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            writes[i] = client.WriteKeyValueAsync(Write(prefix, i, values[i]), deadline: DateTime.UtcNow + CallTimeout).ResponseAsync;
        }

        var responses = await Task.WhenAll(writes);
        responses.Should().OnlyContain(static r => r.Success);
    }

    private static async Task ReadBackAsync(CoordinatorService.CoordinatorServiceClient client, string prefix, byte[][] values)
    {
        var reads = new Task<ReadKeyValueResponse>[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            reads[i] = client.ReadKeyValueAsync(
                new ReadKeyValueRequest { TenantId = "default", Key = $"{prefix}-{i}" }, deadline: DateTime.UtcNow + CallTimeout).ResponseAsync;
        }

        var responses = await Task.WhenAll(reads);
        for (var i = 0; i < values.Length; i++)
        {
            responses[i].Value.Span.SequenceEqual(values[i]).Should().BeTrue($"value {i} reads back byte for byte");
        }
    }
}
