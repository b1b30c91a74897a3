using System.Diagnostics.Metrics;
using System.Text;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using PairDb.Storage.Observability;

namespace PairDb.Storage.Tests.Observability;

/// <summary>What prometheus-net writes for awkward names, label values and help text the exporter passes it.</summary>
public sealed class ExpositionTextTests : IDisposable
{
    private readonly Meter _meter = new("PairDb.Tests." + Guid.NewGuid().ToString("N"));

    public void Dispose() => _meter.Dispose();

    [Fact]
    public async Task Scrape_LabelValue_EscapesBackslashQuoteAndNewline()
    {
        using var exporter = new MeterExporter(_meter.Name);

        _meter.CreateCounter<long>("paths_total").Add(1, new KeyValuePair<string, object?>("path", "C:\\dir \"x\"\nnext"));

        (await ExporterScrape.SamplesAsync(exporter)).Should().Equal("paths_total{path=\"C:\\\\dir \\\"x\\\"\\nnext\"} 1");
    }

    [Fact]
    public async Task Scrape_Help_EscapesBackslashAndNewlineButNotQuotes()
    {
        using var exporter = new MeterExporter(_meter.Name);

        _meter.CreateCounter<long>("said_total", description: "Say \"hi\"\\\nthen stop.").Add(1);

        (await ExporterScrape.TextAsync(exporter)).Should().StartWith("# HELP said_total Say \"hi\"\\\\\\nthen stop.\n# TYPE said_total counter\n");
    }

    [Fact]
    public async Task Scrape_UnsafeNames_AreSanitised()
    {
        using var exporter = new MeterExporter(_meter.Name);

        _meter.CreateCounter<long>("PairDb.requests-total").Add(1, new("node.id", "a"), new("1st", "b"));

        (await ExporterScrape.TextAsync(exporter)).Should().Contain(
            "# TYPE PairDb_requests_total counter\nPairDb_requests_total{key_1st=\"b\",node_id=\"a\"} 1\n");
    }

    [Fact]
    public void Scrape_AnyLabelValue_IsOneLineThatUnescapesToTheOriginal()
    {
        // Values that survive UTF-8 (no lone surrogates): the exposition is UTF-8, so nothing else can round-trip.
        var values = ArbMap.Default.ArbFor<NonNull<string>>().Filter(static v => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(v.Get)) == v.Get);
        var property = Prop.ForAll(values, value =>
        {
            using var meter = new Meter("PairDb.Tests." + Guid.NewGuid().ToString("N"));
            using var exporter = new MeterExporter(meter.Name);
            meter.CreateCounter<long>("g_total").Add(1, new KeyValuePair<string, object?>("v", value.Get));

            var lines = ExporterScrape.TextAsync(exporter).GetAwaiter().GetResult().Split('\n');
            var rendered = lines[2]["g_total{v=\"".Length..^"\"} 1".Length];
            return lines.Length == 4 && Unescape(rendered) == value.Get;
        });

        var config = Config.QuickThrowOnFailure
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261206UL), FSharpOption<int>.None)))
            .WithMaxTest(300)
            .WithQuietOnSuccess(true);
        Check.One(config, property);
    }

    /// <summary>The reading side of the format's escapes, written independently of the writer.</summary>
    private static string Unescape(string rendered)
    {
        var output = new StringBuilder();
        for (var i = 0; i < rendered.Length; i++)
        {
            if (rendered[i] != '\\')
            {
                output.Append(rendered[i]);
                continue;
            }

            i++;
            output.Append(rendered[i] switch
            {
                'n' => '\n',
                '\\' => '\\',
                '"' => '"',
                var other => throw new FormatException($"Unknown escape \\{other}."),
            });
        }

        return output.ToString();
    }
}
