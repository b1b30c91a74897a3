using System.Net.Sockets;
using System.Net;
using FluentAssertions;
using Google.Protobuf;
using PairDb.Protocol.Storage;
using PairDb.Storage.Tests.Support;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Storage.Tests.Hosting;

public sealed class StorageMetricsEndpointTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task GetMetrics_AfterAWrite_PrometheusTextWithThisNodesSeries()
    {
        var port = FreePort();
        var nodeId = "endpoint-" + Guid.NewGuid().ToString("N");
        await using var node = await TestNodes.StartAsync(TestNodes.Options(_directory) with { NodeId = nodeId, MetricsPort = port });
        using (var channel = TestNodes.Channel(node))
        {
            var client = TestNodes.Client(channel);
            var version = new Version { Value = ByteString.CopyFromUtf8("v"), Clock = { new ClockEntry { NodeId = "c", Counter = 1 } } };
            await client.WriteAsync(new WriteRequest { TenantId = "t", Key = "k", Version = version });
        }

        using var response = await _http.GetAsync($"http://127.0.0.1:{port}/metrics");
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/plain; version=0.0.4; charset=utf-8");
        text.Should().Contain("# TYPE pairdb_storage_writes_total counter\n");
        text.Should().Contain($"pairdb_storage_writes_total{{node=\"{nodeId}\"}} 1\n");
        text.Should().Contain($"pairdb_storage_keys{{node=\"{nodeId}\"}} 1\n");
    }

    [Fact]
    public async Task Get_OtherPathOnMetricsPort_NotFound()
    {
        var port = FreePort();
        await using var node = await TestNodes.StartAsync(TestNodes.Options(_directory) with { MetricsPort = port });

        using var response = await _http.GetAsync($"http://127.0.0.1:{port}/health/live");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
