using System.Text;
using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Observability;

/// <summary>
/// A real coordinator (embedded storage nodes, the production edge and server layer) whose logs go to a capturing
/// provider: every failed call leaves exactly one line with tenant, method, status and duration, and no line ever
/// holds a request's key or value.
/// </summary>
public sealed class RequestLogTests : IAsyncLifetime
{
    private const string SecretKey = "key-4f1c9a-do-not-log";
    private static readonly byte[] SecretValue = Encoding.UTF8.GetBytes("VALUE-7d2e0b-do-not-log");

    private readonly CapturingLoggerProvider _logs = new();
    private InProcessCoordinator? _coordinator;

    private CoordinatorService.CoordinatorServiceClient Client => _coordinator!.Client;

    public async Task InitializeAsync() => _coordinator = await InProcessCoordinator.StartAsync(_logs);

    public async Task DisposeAsync()
    {
        if (_coordinator is not null)
        {
            await _coordinator.DisposeAsync();
        }
    }

    [Fact]
    public async Task FailedWrite_UnknownTenant_OneLineWithTenantMethodStatusAndDurationButNoKeyOrValue()
    {
        var act = () => Client.WriteKeyValueAsync(new WriteKeyValueRequest
        {
            TenantId = "tenant-missing",
            Key = SecretKey,
            Value = ByteString.CopyFrom(SecretValue),
        }, deadline: Deadline()).ResponseAsync;
        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);

        var line = RequestLines().Should().ContainSingle().Which;

        line.EventId.Id.Should().Be(2301);
        line.Level.Should().Be(LogLevel.Information);
        line.Fields["Tenant"].Should().Be("tenant-missing");
        line.Fields["Method"].Should().Be("WriteKeyValue");
        line.Fields["StatusCode"].Should().Be("NOT_FOUND");
        line.Fields["DurationMs"].Should().BeOfType<double>().Which.Should().BePositive();
        line.Message.Should().Be($"WriteKeyValue failed with NOT_FOUND after {line.Fields["DurationMs"]} ms for tenant 'tenant-missing'.");
        AssertNoSecrets();
    }

    [Fact]
    public async Task FailedRead_KeyNotFound_LineNamesTenantButNotTheKeyTheStatusDetailCarries()
    {
        var act = () => Client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "default", Key = SecretKey }, deadline: Deadline()).ResponseAsync;
        var error = (await act.Should().ThrowAsync<RpcException>()).Which;

        var line = RequestLines().Should().ContainSingle().Which;

        error.Status.Detail.Should().Contain(SecretKey, "the client is told which key; the log is not");
        line.Fields["Tenant"].Should().Be("default");
        line.Fields["Method"].Should().Be("ReadKeyValue");
        line.Fields["StatusCode"].Should().Be("NOT_FOUND");
        AssertNoSecrets();
    }

    [Fact]
    public async Task FailedWrite_InvalidRequest_LinedWithTheTenantItNamed()
    {
        var act = () => Client.WriteKeyValueAsync(new WriteKeyValueRequest
        {
            TenantId = "default",
            Key = string.Empty,
            Value = ByteString.CopyFrom(SecretValue),
        }, deadline: Deadline()).ResponseAsync;
        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.InvalidArgument);

        var line = RequestLines().Should().ContainSingle().Which;

        line.Fields["Tenant"].Should().Be("default");
        line.Fields["StatusCode"].Should().Be("INVALID_ARGUMENT");
        AssertNoSecrets();
    }

    [Fact]
    public async Task SuccessfulWriteAndRead_NoRequestLine()
    {
        await Client.WriteKeyValueAsync(new WriteKeyValueRequest
        {
            TenantId = "default",
            Key = SecretKey,
            Value = ByteString.CopyFrom(SecretValue),
        }, deadline: Deadline()).ResponseAsync;
        var read = await Client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "default", Key = SecretKey }, deadline: Deadline());

        read.Value.ToByteArray().Should().Equal(SecretValue);
        RequestLines().Should().BeEmpty();
        AssertNoSecrets();
    }

    private List<CapturingLoggerProvider.CapturedLog> RequestLines() =>
        _logs.Entries.Where(static e => e.Category == "PairDb.Requests").ToList();

    /// <summary>No entry of any category holds the key or the value (as text or as bytes read as UTF-8).</summary>
    private void AssertNoSecrets()
    {
        var value = Encoding.UTF8.GetString(SecretValue);
        foreach (var entry in _logs.Entries)
        {
            entry.AllText.Should().NotContain(SecretKey).And.NotContain(value).And.NotContain(Convert.ToBase64String(SecretValue));
        }
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);
}
