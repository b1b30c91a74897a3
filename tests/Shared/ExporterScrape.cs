using System.Text;
using PairDb.Storage.Observability;

namespace PairDb.Tests.Shared;

/// <summary>Scrapes a <see cref="MeterExporter"/> in process, as GET /metrics would, without a listener.</summary>
public static class ExporterScrape
{
    /// <summary>The whole exposition text.</summary>
    public static async Task<string> TextAsync(MeterExporter exporter)
    {
        using var output = new MemoryStream();
        await exporter.WriteAsync(output, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>The sample lines only (no # HELP / # TYPE), e.g. <c>requests_total{code="OK"} 3</c>.</summary>
    public static async Task<List<string>> SamplesAsync(MeterExporter exporter)
    {
        var text = await TextAsync(exporter);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(static line => !line.StartsWith('#'))];
    }
}
