using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using PairDb.Rpc.Observability;

namespace PairDb.Rpc.Tests.Observability;

public sealed class PrometheusTextTests
{
    [Fact]
    public void Render_CounterWithLabels_WritesHelpTypeAndOneLinePerSample()
    {
        var family = new MetricFamily("requests_total", "Calls answered.", MetricType.Counter,
        [
            new MetricSample([new("method", "Read"), new("code", "OK")], 3),
            new MetricSample([new("method", "Write"), new("code", "NOT_FOUND")], 1),
        ]);

        var text = PrometheusText.Render([family]);

        text.Should().Be(
            "# HELP requests_total Calls answered.\n" +
            "# TYPE requests_total counter\n" +
            "requests_total{method=\"Read\",code=\"OK\"} 3\n" +
            "requests_total{method=\"Write\",code=\"NOT_FOUND\"} 1\n");
    }

    [Fact]
    public void Render_GaugeWithoutLabels_WritesBareName()
    {
        var text = PrometheusText.Render([new MetricFamily("nodes_active", "Nodes.", MetricType.Gauge, [new MetricSample([], 2.5)])]);

        text.Should().EndWith("# TYPE nodes_active gauge\nnodes_active 2.5\n");
    }

    [Fact]
    public void Render_Histogram_WritesCumulativeBucketsThenSumAndCount()
    {
        // Per bucket: 2 at or below 0.1, 1 in (0.1, 1], 0 in (1, 10], 1 above 10.
        var histogram = new HistogramValue([0.1, 1, 10], [2, 1, 0, 1], 12.25);
        var family = new MetricFamily("duration_seconds", "Latency.", MetricType.Histogram,
            [new MetricSample([new("method", "Read")], 0, histogram)]);

        var text = PrometheusText.Render([family]);

        text.Should().Be(
            "# HELP duration_seconds Latency.\n" +
            "# TYPE duration_seconds histogram\n" +
            "duration_seconds_bucket{method=\"Read\",le=\"0.1\"} 2\n" +
            "duration_seconds_bucket{method=\"Read\",le=\"1\"} 3\n" +
            "duration_seconds_bucket{method=\"Read\",le=\"10\"} 3\n" +
            "duration_seconds_bucket{method=\"Read\",le=\"+Inf\"} 4\n" +
            "duration_seconds_sum{method=\"Read\"} 12.25\n" +
            "duration_seconds_count{method=\"Read\"} 4\n");
    }

    [Fact]
    public void Render_HistogramWithoutLabels_LeIsTheOnlyLabel()
    {
        var family = new MetricFamily("batch", "Sizes.", MetricType.Histogram, [new MetricSample([], 0, new HistogramValue([1], [0, 1], 4))]);

        var text = PrometheusText.Render([family]);

        text.Should().Contain("batch_bucket{le=\"1\"} 0\nbatch_bucket{le=\"+Inf\"} 1\nbatch_sum 4\nbatch_count 1\n");
    }

    [Fact]
    public void Render_HistogramSampleWithoutBuckets_Throws()
    {
        var family = new MetricFamily("h", "H.", MetricType.Histogram, [new MetricSample([], 1)]);

        var act = () => PrometheusText.Render([family]);

        act.Should().Throw<ArgumentException>().WithMessage("*carries no buckets*");
    }

    [Fact]
    public void Render_HistogramWithMismatchedCounts_Throws()
    {
        var family = new MetricFamily("h", "H.", MetricType.Histogram, [new MetricSample([], 0, new HistogramValue([1, 2], [1, 1], 3))]);

        var act = () => PrometheusText.Render([family]);

        act.Should().Throw<ArgumentException>().WithMessage("*2 bounds but 2 bucket counts*");
    }

    [Fact]
    public void Render_FamilyWithoutSamples_IsLeftOut()
    {
        var text = PrometheusText.Render([new MetricFamily("empty_total", "Nothing yet.", MetricType.Counter, [])]);

        text.Should().BeEmpty();
    }

    [Fact]
    public void Render_LabelValue_EscapesBackslashQuoteAndNewline()
    {
        var family = new MetricFamily("g", "G.", MetricType.Gauge, [new MetricSample([new("path", "C:\\dir \"x\"\nnext")], 1)]);

        var text = PrometheusText.Render([family]);

        text.Should().Contain("g{path=\"C:\\\\dir \\\"x\\\"\\nnext\"} 1\n");
    }

    [Fact]
    public void Render_Help_EscapesBackslashAndNewlineButNotQuotes()
    {
        var family = new MetricFamily("g", "Say \"hi\"\\\nthen stop.", MetricType.Gauge, [new MetricSample([], 1)]);

        var text = PrometheusText.Render([family]);

        text.Should().StartWith("# HELP g Say \"hi\"\\\\\\nthen stop.\n# TYPE g gauge\n");
    }

    [Fact]
    public void Render_UnsafeNames_AreSanitised()
    {
        var family = new MetricFamily("PairDb.requests-total", "R.", MetricType.Counter, [new MetricSample([new("node.id", "a"), new("1st", "b")], 1)]);

        var text = PrometheusText.Render([family]);

        text.Should().Contain("# TYPE PairDb_requests_total counter\nPairDb_requests_total{node_id=\"a\",key_1st=\"b\"} 1\n");
    }

    [Theory]
    [InlineData("coordinator_requests_total", "coordinator_requests_total")]
    [InlineData("PairDb.Storage.writes", "PairDb_Storage_writes")]
    [InlineData("ns:sub_metric", "ns:sub_metric")]
    [InlineData("a-b c/d", "a_b_c_d")]
    [InlineData("9lives", "_9lives")]
    [InlineData("é", "_")]
    [InlineData("", "_")]
    public void MetricName_AnyText_BecomesValidName(string name, string expected)
    {
        PrometheusText.MetricName(name).Should().Be(expected);
    }

    [Theory]
    [InlineData("method", "method")]
    [InlineData("node.id", "node_id")]
    [InlineData("a:b", "a_b")]
    [InlineData("1st", "key_1st")]
    [InlineData("__name__", "key__name__")]
    [InlineData("", "_")]
    public void LabelName_AnyText_BecomesValidLabelName(string name, string expected)
    {
        PrometheusText.LabelName(name).Should().Be(expected);
    }

    [Theory]
    [InlineData(0d, "0")]
    [InlineData(42d, "42")]
    [InlineData(0.1d, "0.1")]
    [InlineData(-2.5d, "-2.5")]
    [InlineData(1e-7d, "1E-07")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void FormatValue_Number_UsesPrometheusSpelling(double value, string expected)
    {
        PrometheusText.FormatValue(value).Should().Be(expected);
    }

    [Fact]
    public void Render_AnyLabelValue_IsOneLineThatUnescapesToTheOriginal()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), value =>
        {
            var text = PrometheusText.Render([new MetricFamily("g", "G.", MetricType.Gauge, [new MetricSample([new("v", value.Get)], 1)])]);
            var line = text.Split('\n')[2];
            var rendered = line["g{v=\"".Length..^"\"} 1".Length];
            return text.Split('\n').Length == 4 && Unescape(rendered) == value.Get;
        });

        var config = Config.QuickThrowOnFailure
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261121UL), FSharpOption<int>.None)))
            .WithMaxTest(500)
            .WithQuietOnSuccess(true);
        Check.One(config, property);
    }

    /// <summary>The reading side of the format's escapes, written independently of the renderer.</summary>
    private static string Unescape(string rendered)
    {
        var output = new System.Text.StringBuilder();
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
