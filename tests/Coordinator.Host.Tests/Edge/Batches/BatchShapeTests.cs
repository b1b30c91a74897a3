using FluentAssertions;
using Google.Protobuf.Collections;
using Grpc.Core;
using PairDb.Coordinator.Edge;

namespace PairDb.Coordinator.Tests.Edge.Batches;

public sealed class BatchShapeTests
{
    [Fact]
    public void Check_DistinctKeysWithinTheBound_Passes()
    {
        var act = () => BatchShape.Check(Keys("a", "b", "A"), static k => k, "keys", 3);

        act.Should().NotThrow("keys compare as exact strings");
    }

    [Theory]
    [InlineData(new string[0], 3, "keys must hold at least one item.")]
    [InlineData(new[] { "a", "b", "c", "d" }, 3, "keys holds 4 items; a batch holds at most 3 (limits.max_batch_keys).")]
    [InlineData(new[] { "a", "b", "a" }, 3, "keys[2] names the same key as keys[0]; a batch names each key at most once.")]
    [InlineData(new[] { "", "" }, 3, "keys[1] names the same key as keys[0]; a batch names each key at most once.")]
    public void Check_BadShape_InvalidArgumentSayingWhy(string[] keys, int bound, string message)
    {
        var act = () => BatchShape.Check(Keys(keys), static k => k, "keys", bound);

        var status = act.Should().Throw<RpcException>().Which.Status;
        status.StatusCode.Should().Be(StatusCode.InvalidArgument);
        status.Detail.Should().Be(message);
    }

    [Fact]
    public void Check_WriteItemsKeyTwice_NamesTheKeyFieldOfBothItems()
    {
        var act = () => BatchShape.Check(Keys("x", "y", "y"), static k => k, "items", 10);

        act.Should().Throw<RpcException>().Which.Status.Detail.Should().StartWith("items[2].key names the same key as items[1].key");
    }

    private static RepeatedField<string> Keys(params string[] keys) => [.. keys];
}
