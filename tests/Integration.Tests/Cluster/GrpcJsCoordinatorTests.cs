using System.Globalization;
using System.Text.Json.Nodes;
using FluentAssertions;
using Grpc.Core;
using PairDb.Integration.Tests.Interop;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// An independent gRPC client (grpc-js with proto-loader reading protos/coordinator.proto) drives the coordinator
/// API of a real process cluster; each test checks one step of the script's JSON result.
/// </summary>
public sealed class GrpcJsCoordinatorTests : IClassFixture<GrpcJsCoordinatorRun>
{
    private readonly GrpcJsCoordinatorRun _run;

    public GrpcJsCoordinatorTests(GrpcJsCoordinatorRun run) => _run = run;

    [Fact]
    public void CreateTenant_ReplicationFactorTwo_ReturnsTenant()
    {
        var reply = Ok("createTenant");

        ((bool)reply["success"]!).Should().BeTrue();
        ((string)reply["tenant_id"]!).Should().Be("grpcjs-tenant");
        ((int)reply["replication_factor"]!).Should().Be(2);
        long.Parse((string)reply["created_at"]!, CultureInfo.InvariantCulture).Should().BePositive();
    }

    [Fact]
    public void GetTenant_CreatedTenant_ReturnsReplicationFactorTwo()
    {
        var reply = Ok("getTenant");

        ((string)reply["tenant_id"]!).Should().Be("grpcjs-tenant");
        ((int)reply["replication_factor"]!).Should().Be(2);
    }

    [Fact]
    public void WriteKeyValue_Quorum_ReturnsFirstClockEntryAndTwoReplicas()
    {
        var reply = Ok("write");

        ((bool)reply["success"]!).Should().BeTrue();
        ((string)reply["consistency"]!).Should().Be("quorum");
        ((int)reply["replica_count"]!).Should().Be(2, "QUORUM of RF 2 waits for both replicas");
        ((bool)reply["is_duplicate"]!).Should().BeFalse();
        var entry = reply["vector_clock"]!["entries"]!.AsArray().Should().ContainSingle().Subject!;
        ((string)entry["coordinator_node_id"]!).Should().NotBeEmpty();
        ((string)entry["logical_timestamp"]!).Should().Be("1", "int64 travels as text and this is the key's first write");
    }

    [Fact]
    public void ReadKeyValue_AfterWrite_ReturnsWrittenValueAndClock()
    {
        var written = Ok("write");

        var reply = Ok("read");

        ((string)reply["value"]!).Should().Be("hello from grpc-js");
        reply["vector_clock"]!.ToJsonString().Should().Be(written["vector_clock"]!.ToJsonString());
        reply["siblings"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public void WriteKeyValue_SameIdempotencyKeyTwice_SecondIsDuplicateWithSameClock()
    {
        var first = Ok("idempotentFirst");

        var retry = Ok("idempotentRetry");

        ((bool)first["is_duplicate"]!).Should().BeFalse();
        ((bool)retry["is_duplicate"]!).Should().BeTrue();
        ((string)retry["idempotency_key"]!).Should().Be("grpcjs-req-1");
        retry["vector_clock"]!.ToJsonString().Should().Be(first["vector_clock"]!.ToJsonString());
    }

    [Fact]
    public void WriteKeyValue_IdempotencyKeyReusedWithDifferentValue_FailedPreconditionWithMessage()
    {
        var details = Failed("idempotentConflict", StatusCode.FailedPrecondition);

        details.Should().Contain("grpcjs-req-1");
    }

    [Fact]
    public void ReadKeyValue_DeletedKey_NotFound()
    {
        var deleted = Ok("delete");

        var details = Failed("readDeleted", StatusCode.NotFound);

        ((bool)deleted["success"]!).Should().BeTrue();
        ((int)deleted["replica_count"]!).Should().Be(2);
        details.Should().Contain("plain");
    }

    [Fact]
    public void ReadKeyValue_UnknownTenant_NotFound()
    {
        var details = Failed("readUnknownTenant", StatusCode.NotFound);

        details.Should().Contain("no-such-tenant");
    }

    [Fact]
    public void WriteKeyValue_EmptyKey_InvalidArgument()
    {
        var details = Failed("invalidKey", StatusCode.InvalidArgument);

        details.Should().Contain("key");
    }

    [Fact]
    public void CreateTenant_ReplicationFactorAboveNodeCount_FailedPrecondition()
    {
        var details = Failed("createTenantRf5", StatusCode.FailedPrecondition);

        details.Should().Contain("5").And.Contain("3");
    }

    [Fact]
    public void ListStorageNodes_ThreeNodeCluster_ListsEveryNodeActive()
    {
        var reply = Ok("listStorageNodes");

        var nodes = reply["nodes"]!.AsArray();
        nodes.Select(static n => (string)n!["node_id"]!).Should().Equal("storage-1", "storage-2", "storage-3");
        nodes.Select(static n => (int)n!["port"]!).Should().Equal(_run.StoragePorts);
        nodes.Select(static n => (string)n!["status"]!).Should().AllBe("active");
    }

    [Fact]
    public void AddStorageNode_UnreachableNode_FailedPreconditionNamingIt()
    {
        var details = Failed("addStorageNode", StatusCode.FailedPrecondition);

        details.Should().Contain("storage-9").And.Contain("not ready to join");
    }

    [Fact]
    public void ReadKeyValue_WrittenWithTtl_CarriesTheExpiryThenReadsNotFoundOnceItPassed()
    {
        Ok("writeTtl");
        var reply = Ok("readTtl");

        ((string)reply["value"]!).Should().Be("short-lived");
        var expiresAt = long.Parse((string)reply["expires_at_micros"]!, CultureInfo.InvariantCulture);
        var timestamp = long.Parse((string)reply["timestamp_micros"]!, CultureInfo.InvariantCulture);
        expiresAt.Should().Be(timestamp + 1_000_000, "int64 travels as text and the ttl is 1000 ms");
        Failed("readExpired", StatusCode.NotFound).Should().Contain("expiring");
    }

    [Fact]
    public void WriteKeyValue_NegativeTtl_InvalidArgumentNamingTtlMs()
    {
        var details = Failed("invalidTtl", StatusCode.InvalidArgument);

        details.Should().Contain("ttl_ms");
    }

    [Theory]
    [InlineData("healthServer")]
    [InlineData("healthCoordinator")]
    public void HealthCheck_ReadyCoordinator_Serving(string step)
    {
        var reply = Ok(step);

        ((string)reply["status"]!).Should().Be("SERVING");
    }

    [Fact]
    public void HealthCheck_UnknownService_NotFound()
    {
        var details = Failed("healthUnknown", StatusCode.NotFound);

        details.Should().Contain("no.SuchService");
    }

    [Fact]
    public void HealthWatch_ReadyCoordinator_StreamsServing()
    {
        var reply = Ok("healthWatch");

        ((string)reply["status"]!).Should().Be("SERVING");
    }

    [Fact]
    public void WriteKeyValue_TwoWritesWithOneReadsContext_BecomeSiblings()
    {
        Ok("contextA");
        Ok("contextB");

        var read = Ok("contextSiblings");

        Values(read).Should().BeEquivalentTo("a", "b");
    }

    [Fact]
    public void WriteKeyValue_MergedContext_SupersedesBothSiblings()
    {
        Ok("contextMerged");

        var read = Ok("contextResolved");

        ((string)read["value"]!).Should().Be("a+b");
        read["siblings"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public void WriteKeyValue_StaleContext_LeavesSiblingsInsteadOfLosingTheNewerWrite()
    {
        Ok("contextStale");

        var read = Ok("contextStaleRead");

        Values(read).Should().BeEquivalentTo("a+b", "stale");
    }

    [Fact]
    public void WriteKeyValue_IfAbsentOnExistingKey_FailedPreconditionWithTheCurrentClockAsDetail()
    {
        var outcome = _run.Step("ifAbsentExisting");
        var siblings = Ok("contextStaleRead");

        ((int)outcome["code"]!).Should().Be((int)StatusCode.FailedPrecondition, outcome.ToJsonString());
        ((string)outcome["details"]!).Should().StartWith("Condition if_absent does not hold: the key exists");
        var detail = outcome["status_details"]!.AsArray().Should().ContainSingle().Subject!;
        ((string)detail["type_url"]!).Should().Be("type.googleapis.com/proto.WriteConditionFailed");
        ((bool)detail["condition"]!["exists"]!).Should().BeTrue();
        Clock(detail["condition"]!["current_clock"]!).Should().Equal(Clock(siblings["vector_clock"]!));
    }

    [Fact]
    public void WriteKeyValue_IfAbsentOnNewKeyThenIfClock_OnlyTheCurrentClockApplies()
    {
        var created = Ok("ifAbsentNew");
        var stale = _run.Step("ifClockStale");

        Ok("ifClockCurrent");

        ((int)stale["code"]!).Should().Be((int)StatusCode.FailedPrecondition, stale.ToJsonString());
        var detail = stale["status_details"]!.AsArray().Should().ContainSingle().Subject!;
        Clock(detail["condition"]!["current_clock"]!).Should().Equal(Clock(created["vector_clock"]!));
    }

    [Fact]
    public void WriteKeyValue_IfClockWithIfAbsent_InvalidArgument()
    {
        var details = Failed("conditionsTogether", StatusCode.InvalidArgument);

        details.Should().StartWith("At most one of context, if_clock and if_absent may be set");
    }

    private static IEnumerable<string> Values(JsonNode read) =>
        read["siblings"]!.AsArray().Select(sibling => (string)sibling!["value"]!);

    private static IEnumerable<string> Clock(JsonNode clock) =>
        clock["entries"]!.AsArray().Select(e => (string)e!["coordinator_node_id"]! + ":" + (string)e["logical_timestamp"]!);

    private JsonNode Ok(string step)
    {
        var outcome = _run.Step(step);
        ((int)outcome["code"]!).Should().Be((int)StatusCode.OK, $"step {step}: {outcome.ToJsonString()}");
        return outcome["reply"]!;
    }

    private string Failed(string step, StatusCode expected)
    {
        var outcome = _run.Step(step);
        ((int)outcome["code"]!).Should().Be((int)expected, $"step {step}: {outcome.ToJsonString()}");
        return (string)outcome["details"]!;
    }
}
