using System.Text.Json.Nodes;
using FluentAssertions;

namespace PairDb.Integration.Tests.Interop;

/// <summary>
/// A second independent gRPC client (Debian's python3-grpcio, stubs generated from protos/coordinator.proto by
/// grpc_tools.protoc at run time) drives the coordinator API of a real process cluster; each test checks one step
/// of the script's JSON lines. Status codes are compared by their gRPC names, as Python reports them.
/// </summary>
public sealed class PythonGrpcCoordinatorTests : IClassFixture<PythonGrpcCoordinatorRun>
{
    private readonly PythonGrpcCoordinatorRun _run;

    public PythonGrpcCoordinatorTests(PythonGrpcCoordinatorRun run) => _run = run;

    [Fact]
    public void CoordinatorClient_WholeScenario_EveryStepMetItsExpectationAndExitCodeZero()
    {
        var failed = _run.StepNames.Where(name => !(bool)_run.Step(name)["ok"]!).ToList();

        _run.StepNames.Should().Equal(
            ["createTenant", "write", "read", "delete", "readDeleted", "invalidKey", "tinyDeadline", "afterDeadline"],
            _run.Output);
        failed.Should().BeEmpty(_run.Output);
        _run.ExitCode.Should().Be(0, _run.Output);
    }

    [Fact]
    public void WriteKeyValue_BinaryValueAtQuorum_SucceedsWithFirstClockEntry()
    {
        var reply = Ok("write");

        ((bool)reply["success"]!).Should().BeTrue();
        ((string)reply["key"]!).Should().Be("py-key");
        ((int)reply["replica_count"]!).Should().Be(2, "QUORUM of RF 2 waits for both replicas");
        var entry = reply["vector_clock"]!["entries"]!.AsArray().Should().ContainSingle().Subject!;
        ((string)entry["coordinator_node_id"]!).Should().NotBeEmpty();
        ((string)entry["logical_timestamp"]!).Should().Be("1", "this is the key's first write");
    }

    [Fact]
    public void ReadKeyValue_AfterWrite_ReturnsByteExactValueAndWriteClock()
    {
        var written = Ok("write");

        var reply = Ok("read");

        Convert.FromBase64String((string)reply["value"]!).Should().Equal(PythonGrpcCoordinatorRun.Value);
        reply["vector_clock"]!["entries"]!.AsArray().Should().NotBeEmpty();
        reply["vector_clock"]!.ToJsonString().Should().Be(written["vector_clock"]!.ToJsonString());
    }

    [Fact]
    public void ReadKeyValue_DeletedKey_NotFound()
    {
        var deleted = Ok("delete");

        var outcome = _run.Step("readDeleted");

        ((bool)deleted["success"]!).Should().BeTrue();
        Code(outcome).Should().Be("NOT_FOUND", outcome.ToJsonString());
        ((string)outcome["details"]!).Should().Contain("py-key");
    }

    [Fact]
    public void WriteKeyValue_EmptyKey_InvalidArgumentNamingTheKey()
    {
        var outcome = _run.Step("invalidKey");

        Code(outcome).Should().Be("INVALID_ARGUMENT", outcome.ToJsonString());
        ((string)outcome["details"]!).Should().Contain("key").And.Contain("got 0", "the message says what was wrong with it");
    }

    [Fact]
    public void WriteKeyValue_OneMillisecondDeadline_DeadlineExceeded()
    {
        var outcome = _run.Step("tinyDeadline");

        Code(outcome).Should().Be("DEADLINE_EXCEEDED", outcome.ToJsonString());
        ((int)outcome["code_number"]!).Should().Be(4, "DEADLINE_EXCEEDED is status 4 on the wire");
    }

    [Fact]
    public void WriteKeyValue_AfterDeadlineExceededOnSameChannel_Succeeds()
    {
        var reply = Ok("afterDeadline");

        ((bool)reply["success"]!).Should().BeTrue();
    }

    private static string Code(JsonNode outcome) => (string)outcome["code"]!;

    private JsonNode Ok(string step)
    {
        var outcome = _run.Step(step);
        Code(outcome).Should().Be("OK", $"step {step}: {outcome.ToJsonString()}");
        return outcome["reply"]!;
    }
}
