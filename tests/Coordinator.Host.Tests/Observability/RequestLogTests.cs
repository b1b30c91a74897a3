using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PairDb.Coordinator.Composition;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Edge;
using PairDb.Coordinator.Observability;
using PairDb.Coordinator.Tests.Stores;
using PairDb.Protocol.Coordinator;
using PairDb.Rpc;
using PairDb.Rpc.Client;
using PairDb.Rpc.Contracts;
using PairDb.Rpc.Server;

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

    private readonly TestDirectory _directory = new();
    private readonly CapturingLoggerProvider _logs = new();
    private CoordinatorRuntime? _runtime;
    private WebApplication? _app;
    private GrpcChannel? _channel;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        var options = new CoordinatorOptions { DataDirectory = _directory.Path, ServerPort = port, LogLevel = LogLevel.Warning, StorageDurability = Storage.Engine.DurabilityMode.Os };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddProvider(_logs).SetMinimumLevel(LogLevel.Information);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcServer().AddCoordinatorObservability();
        _app = builder.Build();
        _runtime = await CoordinatorRuntime.StartAsync(options, _app.Services.GetRequiredService<ILoggerFactory>(), CancellationToken.None);
        _app.MapGrpcService(CoordinatorServiceDefinition.Create(_runtime.Edge));
        await _app.StartAsync();
        _channel = GrpcChannel.ForAddress("http://127.0.0.1:" + port, new GrpcChannelOptions { DefaultTimeout = TimeSpan.FromSeconds(30) });
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
        }

        _directory.Dispose();
    }

    [Fact]
    public async Task FailedWrite_UnknownTenant_OneLineWithTenantMethodStatusAndDurationButNoKeyOrValue()
    {
        var act = () => _channel!.UnaryAsync(CoordinatorMethods.WriteKeyValue, new WriteKeyValueRequest
        {
            TenantId = "tenant-missing",
            Key = SecretKey,
            Value = ByteString.CopyFrom(SecretValue),
        });
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
        var act = () => _channel!.UnaryAsync(CoordinatorMethods.ReadKeyValue, new ReadKeyValueRequest { TenantId = "default", Key = SecretKey });
        var error = (await act.Should().ThrowAsync<RpcException>()).Which;

        var line = RequestLines().Should().ContainSingle().Which;

        error.Detail.Should().Contain(SecretKey, "the client is told which key; the log is not");
        line.Fields["Tenant"].Should().Be("default");
        line.Fields["Method"].Should().Be("ReadKeyValue");
        line.Fields["StatusCode"].Should().Be("NOT_FOUND");
        AssertNoSecrets();
    }

    [Fact]
    public async Task FailedWrite_InvalidRequest_LinedWithTheTenantItNamed()
    {
        var act = () => _channel!.UnaryAsync(CoordinatorMethods.WriteKeyValue, new WriteKeyValueRequest
        {
            TenantId = "default",
            Key = string.Empty,
            Value = ByteString.CopyFrom(SecretValue),
        });
        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.InvalidArgument);

        var line = RequestLines().Should().ContainSingle().Which;

        line.Fields["Tenant"].Should().Be("default");
        line.Fields["StatusCode"].Should().Be("INVALID_ARGUMENT");
        AssertNoSecrets();
    }

    [Fact]
    public async Task SuccessfulWriteAndRead_NoRequestLine()
    {
        await _channel!.UnaryAsync(CoordinatorMethods.WriteKeyValue, new WriteKeyValueRequest
        {
            TenantId = "default",
            Key = SecretKey,
            Value = ByteString.CopyFrom(SecretValue),
        });
        var read = await _channel.UnaryAsync(CoordinatorMethods.ReadKeyValue, new ReadKeyValueRequest { TenantId = "default", Key = SecretKey });

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
