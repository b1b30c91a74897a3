using System.Diagnostics.Metrics;
using System.Text;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using PairDb.Storage.Observability;

namespace PairDb.Storage.Tests.Observability;

/// <summary>The scrape handler both hosts map: methods, paths, content type, body.</summary>
public sealed class MetricsScrapeTests : IDisposable
{
    private readonly Meter _meter = new("PairDb.Tests." + Guid.NewGuid().ToString("N"));
    private readonly MeterExporter _exporter;

    public MetricsScrapeTests()
    {
        _exporter = new MeterExporter(_meter.Name);
        _meter.CreateCounter<long>("scraped_total", description: "Scraped.").Add(2);
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public async Task HandleAsync_Get_TextFormat004WithTheSeries()
    {
        var (status, contentType, body) = await RequestAsync(HttpMethods.Get, MetricsScrape.Path);

        status.Should().Be(StatusCodes.Status200OK);
        contentType.Should().Be("text/plain; version=0.0.4; charset=utf-8");
        body.Should().Be("# HELP scraped_total Scraped.\n# TYPE scraped_total counter\nscraped_total 2\n");
    }

    [Fact]
    public async Task HandleAsync_Head_HeadersWithoutBody()
    {
        var (status, contentType, body) = await RequestAsync(HttpMethods.Head, MetricsScrape.Path);

        status.Should().Be(StatusCodes.Status200OK);
        contentType.Should().Be("text/plain; version=0.0.4; charset=utf-8");
        body.Should().BeEmpty();
    }

    [Fact]
    public async Task HandleAsync_Post_MethodNotAllowed()
    {
        var (status, _, body) = await RequestAsync(HttpMethods.Post, MetricsScrape.Path);

        status.Should().Be(StatusCodes.Status405MethodNotAllowed);
        body.Should().BeEmpty();
    }

    [Fact]
    public async Task HandleAsync_OtherPath_NotFound()
    {
        var (status, _, body) = await RequestAsync(HttpMethods.Get, "/metrics/extra");

        status.Should().Be(StatusCodes.Status404NotFound);
        body.Should().BeEmpty();
    }

    private async Task<(int Status, string? ContentType, string Body)> RequestAsync(string method, string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        using var body = new MemoryStream();
        context.Response.Body = body;

        await MetricsScrape.HandleAsync(context, _exporter);

        return (context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(body.ToArray()));
    }
}
