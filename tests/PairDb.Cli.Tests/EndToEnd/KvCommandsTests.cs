using System.Text;
using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using PairDb.Cli.Tests.Support;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Tests.EndToEnd;

public sealed class KvCommandsTests : EndToEndTest
{
    public KvCommandsTests(FakeCoordinatorServer server)
        : base(server)
    {
        Fake.WriteKeyValue = static r => Samples.Written(r.Key);
    }

    [Fact]
    public async Task KvPut_ValueArgumentAndOptions_SentAsIs()
    {
        // Act
        var result = await Cli.RunAsync("kv", "put", "shop", "cart:42", "three items", "--consistency", "all", "--idempotency-key", "retry-1");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        var request = Fake.Received<WriteKeyValueRequest>().Single();
        request.TenantId.Should().Be("shop");
        request.Key.Should().Be("cart:42");
        request.Value.ToStringUtf8().Should().Be("three items");
        request.Consistency.Should().Be("all");
        request.IdempotencyKey.Should().Be("retry-1");
        result.Stdout.Should().Contain("written").And.Contain("coord-a:3");
    }

    [Fact]
    public async Task KvPut_NoOptions_LeavesConsistencyAndIdempotencyToServer()
    {
        // Act
        var result = await Cli.RunAsync("kv", "put", "shop", "k", "v");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        var request = Fake.Received<WriteKeyValueRequest>().Single();
        request.Consistency.Should().BeEmpty();
        request.IdempotencyKey.Should().BeEmpty();
    }

    [Theory]
    [InlineData("VALUE", new[] { "kv", "put", "shop", "k", "-" })]
    [InlineData("--value-file", new[] { "kv", "put", "shop", "k", "--value-file", "-" })]
    public async Task KvPut_Stdin_ValueBytesSentUnchanged(string dashIn, string[] args)
    {
        // Arrange: bytes that are not UTF-8 must survive.
        Cli.Stdin = [0x00, 0xff, 0x10, 0x0a];

        // Act
        var result = await Cli.RunAsync(args);

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        Fake.Received<WriteKeyValueRequest>().Single().Value.ToByteArray().Should().Equal([0x00, 0xff, 0x10, 0x0a], "'-' as {0} reads stdin", dashIn);
    }

    [Fact]
    public async Task KvPut_ValueFile_SendsFileBytes()
    {
        // Arrange
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes("{\"items\":3}"));

            // Act
            var result = await Cli.RunAsync("kv", "put", "shop", "k", "--value-file", path);

            // Assert
            result.ExitCode.Should().Be(0, result.ToString());
            Fake.Received<WriteKeyValueRequest>().Single().Value.ToStringUtf8().Should().Be("{\"items\":3}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task KvPut_MissingValueFile_UsageErrorWithoutCalling()
    {
        // Act
        var result = await Cli.RunAsync("kv", "put", "shop", "k", "--value-file", "/nonexistent/pairdb-value.bin");

        // Assert
        result.ExitCode.Should().Be(1);
        result.Stderr.Should().StartWith("pairdb: put shop/k: usage: cannot read value file '/nonexistent/pairdb-value.bin'");
        Fake.Received<WriteKeyValueRequest>().Should().BeEmpty();
    }

    [Fact]
    public async Task KvPut_QuorumNotReached_ExitsUnavailable()
    {
        // Arrange
        Fake.WriteKeyValue = static _ => throw new RpcException(new Status(StatusCode.Unavailable, "Write quorum not reached: 1 of 3 replicas acknowledged, 2 needed."));

        // Act
        var result = await Cli.RunAsync("kv", "put", "shop", "k", "v");

        // Assert
        result.ExitCode.Should().Be(4);
        result.Stderr.Should().Be("pairdb: put shop/k: UNAVAILABLE: Write quorum not reached: 1 of 3 replicas acknowledged, 2 needed." + Environment.NewLine);
    }

    [Fact]
    public async Task KvGet_Table_ShowsValue()
    {
        // Arrange
        Fake.ReadKeyValue = static r => Samples.Read(r.Key, "hello pairdb");

        // Act
        var result = await Cli.RunAsync("kv", "get", "shop", "greeting", "--consistency", "one");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("hello pairdb");
        Fake.Received<ReadKeyValueRequest>().Single().Consistency.Should().Be("one");
    }

    [Fact]
    public async Task KvGet_Json_ValueTextAndBase64()
    {
        // Arrange
        Fake.ReadKeyValue = static r => Samples.Read(r.Key, "hello pairdb");

        // Act
        var result = await Cli.RunAsync("kv", "get", "shop", "greeting", "-o", "json");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        var json = Json(result);
        json.GetProperty("tenant_id").GetString().Should().Be("shop");
        json.GetProperty("value").GetProperty("text").GetString().Should().Be("hello pairdb");
    }

    [Fact]
    public async Task KvGet_Missing_ExitsNotFound()
    {
        // Arrange
        Fake.ReadKeyValue = static r => throw new RpcException(new Status(StatusCode.NotFound, $"Key '{r.Key}' not found."));

        // Act
        var result = await Cli.RunAsync("kv", "get", "shop", "ghost");

        // Assert
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Be("pairdb: get shop/ghost: NOT_FOUND: Key 'ghost' not found." + Environment.NewLine);
    }

    [Fact]
    public async Task KvDelete_SendsDeleteAndPrintsTombstoneWrite()
    {
        // Arrange
        Fake.DeleteKeyValue = static r => new DeleteKeyValueResponse { Success = true, Key = r.Key, ReplicaCount = 3, Consistency = "quorum", VectorClock = Samples.Clock(("coord-a", 4)) };

        // Act
        var result = await Cli.RunAsync("kv", "delete", "shop", "cart:42", "-o", "json");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        Fake.Received<DeleteKeyValueRequest>().Single().Key.Should().Be("cart:42");
        Json(result).GetProperty("operation").GetString().Should().Be("delete");
    }

    [Fact]
    public async Task KvPut_IfClockAndTtl_SentAsClockAndMilliseconds()
    {
        // Act
        var result = await Cli.RunAsync("kv", "put", "shop", "k", "v", "--if-clock", "coord-a:3, coord-b:1", "--ttl", "5m");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        var request = Fake.Received<WriteKeyValueRequest>().Single();
        request.IfClock.Should().Be(Samples.Clock(("coord-a", 3), ("coord-b", 1)));
        request.TtlMs.Should().Be(300_000);
        request.Context.Should().BeNull();
        request.IfAbsent.Should().BeFalse();
    }

    [Theory]
    [InlineData("--if-absent")]
    [InlineData("--context")]
    public async Task KvPut_IfAbsentOrContext_Sent(string option)
    {
        // Act
        var result = option == "--if-absent"
            ? await Cli.RunAsync("kv", "put", "shop", "k", "v", option)
            : await Cli.RunAsync("kv", "put", "shop", "k", "v", option, "coord-a:2");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        var request = Fake.Received<WriteKeyValueRequest>().Single();
        request.IfAbsent.Should().Be(option == "--if-absent");
        (request.Context is not null).Should().Be(option == "--context");
        request.TtlMs.Should().Be(0, "no --ttl: never expires");
    }

    [Fact]
    public async Task KvPut_ConditionFailed_PrintsTheCurrentClockAndExitsRejected()
    {
        // Arrange: the coordinator's answer, with the key's current clock in the status detail.
        Fake.WriteKeyValue = static _ => throw new Google.Rpc.Status
        {
            Code = (int)StatusCode.FailedPrecondition,
            Message = "The key has a live version (if_absent).",
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(new WriteConditionFailed { CurrentClock = Samples.Clock(("coord-a", 4), ("coord-b", 2)), Exists = true }) },
        }.ToRpcException();

        // Act
        var result = await Cli.RunAsync("kv", "put", "shop", "k", "v", "--if-absent");

        // Assert
        result.ExitCode.Should().Be(3);
        result.Stderr.Should().Be(
            "pairdb: put shop/k: FAILED_PRECONDITION: The key has a live version (if_absent). (current clock: coord-a:4, coord-b:2; the key exists)" + Environment.NewLine);
    }

    [Fact]
    public async Task KvPut_BadTtl_UsageErrorNamingTheOptionWithoutCalling()
    {
        // Act
        var result = await Cli.RunAsync("kv", "put", "shop", "k", "v", "--ttl", "soon");

        // Assert
        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Contain("--ttl: 'soon' is not a positive duration");
        Fake.Received<WriteKeyValueRequest>().Should().BeEmpty();
    }

    [Fact]
    public async Task KvDelete_IfClock_SentWithTheDelete()
    {
        // Arrange
        Fake.DeleteKeyValue = static r => new DeleteKeyValueResponse { Success = true, Key = r.Key, ReplicaCount = 3, VectorClock = Samples.Clock(("coord-a", 5)) };

        // Act
        var result = await Cli.RunAsync("kv", "delete", "shop", "k", "--if-clock", "coord-a:4");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        Fake.Received<DeleteKeyValueRequest>().Single().IfClock.Should().Be(Samples.Clock(("coord-a", 4)));
    }

    [Fact]
    public async Task KvGet_Siblings_EachWithClockTimeAndExpiry()
    {
        // Arrange
        Fake.ReadKeyValue = static r =>
        {
            var response = Samples.Read(r.Key, "new");
            response.ExpiresAtMicros = (Samples.CreatedAt + 3600) * 1_000_000;
            response.Siblings.Add(new SiblingVersion { Value = ByteString.CopyFromUtf8("new"), CoordinatorNodeId = "coord-a", VectorClock = Samples.Clock(("coord-a", 3)), TimestampMicros = 2 });
            response.Siblings.Add(new SiblingVersion { Tombstone = true, CoordinatorNodeId = "coord-b", VectorClock = Samples.Clock(("coord-b", 1)), TimestampMicros = 1 });
            return response;
        };

        // Act
        var table = await Cli.RunAsync("kv", "get", "shop", "k");
        var json = await Cli.RunAsync("kv", "get", "shop", "k", "-o", "json");

        // Assert
        table.ExitCode.Should().Be(0, table.ToString());
        table.Stdout.Should().Contain("coord-a:3").And.Contain("coord-b:1").And.Contain("<deleted>").And.Contain("2026-11-21 11:00:00.000Z");
        var siblings = Json(json).GetProperty("siblings");
        siblings.GetArrayLength().Should().Be(2);
        siblings[1].GetProperty("tombstone").GetBoolean().Should().BeTrue();
        siblings[1].GetProperty("vector_clock")[0].GetProperty("coordinator_node_id").GetString().Should().Be("coord-b");
        Json(json).GetProperty("expires_at_micros").GetInt64().Should().Be((Samples.CreatedAt + 3600) * 1_000_000);
    }
}
