using System.Diagnostics.Metrics;
using FluentAssertions;
using PairDb.Rpc.Observability;

namespace PairDb.Rpc.Tests.Observability;

/// <summary>
/// The collector against real meters. Each test owns a meter with a unique name, so listeners of tests running in
/// parallel never see each other's instruments.
/// </summary>
public sealed class MetricsCollectorTests : IDisposable
{
    private readonly string _meterName = "PairDb.Tests." + Guid.NewGuid().ToString("N");
    private readonly List<Meter> _meters = [];

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }

    [Fact]
    public void Collect_CounterWithTags_SumsPerLabelSetWhateverTheTagOrder()
    {
        var meter = NewMeter();
        var counter = meter.CreateCounter<long>("requests_total", description: "Calls.");
        using var collector = new MetricsCollector(_meterName);

        counter.Add(1, new("method", "Read"), new("code", "OK"));
        counter.Add(2, new("code", "OK"), new("method", "Read"));
        counter.Add(5, new("method", "Write"), new("code", "OK"));

        var family = collector.Collect().Should().ContainSingle().Which;
        family.Name.Should().Be("requests_total");
        family.Type.Should().Be(MetricType.Counter);
        family.Help.Should().Be("Calls.");
        Values(family).Should().Equal(("code=OK,method=Read", 3d), ("code=OK,method=Write", 5d));
    }

    [Fact]
    public void Collect_CounterNamedWithoutTotal_GetsTotalSuffixAndSanitisedName()
    {
        var counter = NewMeter().CreateCounter<int>("pairdb.storage.writes");
        using var collector = new MetricsCollector(_meterName);

        counter.Add(4);

        var family = collector.Collect().Should().ContainSingle().Which;
        family.Name.Should().Be("pairdb_storage_writes_total");
        family.Help.Should().Be("pairdb.storage.writes", "an instrument without a description is described by its name");
        Values(family).Should().Equal((string.Empty, 4d));
    }

    [Fact]
    public void Collect_CounterNeverIncremented_IsLeftOut()
    {
        NewMeter().CreateCounter<long>("idle_total");
        using var collector = new MetricsCollector(_meterName);

        collector.Collect().Should().BeEmpty();
        collector.Render().Should().BeEmpty();
    }

    [Fact]
    public void Collect_UpDownCounter_IsGaugeOfTheRunningSum()
    {
        var inFlight = NewMeter().CreateUpDownCounter<long>("in_flight");
        using var collector = new MetricsCollector(_meterName);

        inFlight.Add(3);
        inFlight.Add(-1);

        var family = collector.Collect().Should().ContainSingle().Which;
        family.Type.Should().Be(MetricType.Gauge);
        Values(family).Should().Equal((string.Empty, 2d));
    }

    [Fact]
    public void Collect_SynchronousGauge_KeepsTheLastValue()
    {
        var gauge = NewMeter().CreateGauge<double>("temperature");
        using var collector = new MetricsCollector(_meterName);

        gauge.Record(20.5);
        gauge.Record(19);

        Values(collector.Collect().Single()).Should().Equal((string.Empty, 19d));
    }

    [Fact]
    public void Collect_ObservableGauge_ReadsTheCallbackAtEachCollection()
    {
        var level = 7;
        NewMeter().CreateObservableGauge("queue_depth", () => level, description: "Queued.");
        using var collector = new MetricsCollector(_meterName);

        var first = collector.Collect();
        level = 9;
        var second = collector.Collect();

        Values(first.Single()).Should().Equal((string.Empty, 7d));
        Values(second.Single()).Should().Equal((string.Empty, 9d));
        second.Single().Type.Should().Be(MetricType.Gauge);
    }

    [Fact]
    public void Collect_ObservableSeriesNoLongerReported_Disappears()
    {
        var nodes = new List<string> { "a", "b" };
        NewMeter().CreateObservableGauge("node_up", () => nodes.Select(n => new Measurement<int>(1, new KeyValuePair<string, object?>("node", n))));
        using var collector = new MetricsCollector(_meterName);

        var before = collector.Collect();
        nodes.Remove("a");
        var after = collector.Collect();

        Values(before.Single()).Should().Equal(("node=a", 1d), ("node=b", 1d));
        Values(after.Single()).Should().Equal(("node=b", 1d));
    }

    [Fact]
    public void Collect_ObservableCounter_ReportsTheObservedTotalAsCounter()
    {
        long total = 10;
        NewMeter().CreateObservableCounter("repairs_triggered_total", () => total);
        using var collector = new MetricsCollector(_meterName);

        collector.Collect();
        total = 12;
        var family = collector.Collect().Single();

        family.Type.Should().Be(MetricType.Counter);
        family.Samples.Single().Value.Should().Be(12, "an observable counter reports its total, which must not be added up");
    }

    [Fact]
    public void Collect_HistogramWithAdvice_CountsIntoAdvisedBucketsInclusively()
    {
        var histogram = NewMeter().CreateHistogram<double>(
            "latency_seconds", "s", "Latency.", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5] });
        using var collector = new MetricsCollector(_meterName);

        foreach (var value in new[] { 0.5, 1, 1.5, 7 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("method", "Read"));
        }

        var sample = collector.Collect().Single().Samples.Single();
        sample.Labels.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("method", "Read"));
        sample.Histogram!.Bounds.Should().Equal(1, 2, 5);
        sample.Histogram.BucketCounts.Should().Equal(2, 1, 0, 1);
        sample.Histogram.Sum.Should().Be(10);
        sample.Histogram.Count.Should().Be(4);
    }

    [Fact]
    public void Collect_IntegerHistogramWithoutAdvice_UsesDefaultBounds()
    {
        var histogram = NewMeter().CreateHistogram<int>("batch_size");
        using var collector = new MetricsCollector(_meterName);

        histogram.Record(3);

        var sample = collector.Collect().Single().Samples.Single();
        sample.Histogram!.Bounds.Should().Equal(MetricsCollector.DefaultBounds);
        sample.Histogram.BucketCounts[9].Should().Be(1, "3 is above 2.5 and at most 5");
        sample.Histogram.BucketCounts.Sum().Should().Be(1);
    }

    [Fact]
    public void Collect_SameInstrumentOnMetersWithDifferentTags_MergesIntoOneFamilyLabelledByMeterTag()
    {
        using var collector = new MetricsCollector(_meterName);
        var first = NewMeter(new KeyValuePair<string, object?>("node", "storage-1")).CreateCounter<long>("writes_total");
        var second = NewMeter(new KeyValuePair<string, object?>("node", "storage-2")).CreateCounter<long>("writes_total");

        first.Add(2);
        second.Add(5);

        var family = collector.Collect().Should().ContainSingle().Which;
        Values(family).Should().Equal(("node=storage-1", 2d), ("node=storage-2", 5d));
    }

    [Fact]
    public void Collect_MeterTagsAndMeasurementTags_AreCombinedAsLabels()
    {
        var meter = NewMeter(new KeyValuePair<string, object?>("node", "storage-1"));
        var writes = meter.CreateCounter<long>("writes_total");
        using var collector = new MetricsCollector(_meterName);

        writes.Add(3, new KeyValuePair<string, object?>("result", "ok"));
        writes.Add(1, new KeyValuePair<string, object?>("result", "error"));

        Values(collector.Collect().Single()).Should().Equal(("node=storage-1,result=error", 1d), ("node=storage-1,result=ok", 3d));
    }

    [Fact]
    public void Collect_NonStringTagValues_AreFormattedInvariantly()
    {
        var counter = NewMeter().CreateCounter<long>("codes_total");
        using var collector = new MetricsCollector(_meterName);

        counter.Add(1, new KeyValuePair<string, object?>("code", 14), new KeyValuePair<string, object?>("ok", false));
        counter.Add(1, new KeyValuePair<string, object?>("ok", false), new KeyValuePair<string, object?>("code", 14));

        Values(collector.Collect().Single()).Should().Equal(("code=14,ok=False", 2d));
    }

    [Fact]
    public void Collect_MeterDisposed_ItsSeriesAreGone()
    {
        using var collector = new MetricsCollector(_meterName);
        var dropped = NewMeter();
        NewMeter().CreateCounter<long>("kept_total").Add(1);
        dropped.CreateCounter<long>("dropped_total").Add(1);
        collector.Collect().Should().HaveCount(2);

        dropped.Dispose();

        collector.Collect().Select(f => f.Name).Should().Equal("kept_total");
    }

    [Fact]
    public void Collect_InstrumentOfAnotherMeter_IsNotCollected()
    {
        using var collector = new MetricsCollector(_meterName);
        using var other = new Meter(_meterName + ".other");
        other.CreateCounter<long>("other_total").Add(1);
        NewMeter().CreateCounter<long>("mine_total").Add(1);

        collector.Collect().Select(f => f.Name).Should().Equal("mine_total");
    }

    [Fact]
    public void Collect_InstrumentCreatedAfterTheCollector_IsCollected()
    {
        using var collector = new MetricsCollector(_meterName);
        var counter = NewMeter().CreateCounter<long>("late_total");

        counter.Add(6);

        Values(collector.Collect().Single()).Should().Equal((string.Empty, 6d));
    }

    [Fact]
    public void Collect_ConcurrentAdds_CountsEveryOne()
    {
        var counter = NewMeter().CreateCounter<long>("parallel_total");
        using var collector = new MetricsCollector(_meterName);
        string[] methods = ["Read", "Write", "Delete"];

        Parallel.For(0, 30_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            counter.Add(1, new KeyValuePair<string, object?>("method", methods[i % 3])));

        Values(collector.Collect().Single()).Should().Equal(("method=Delete", 10_000d), ("method=Read", 10_000d), ("method=Write", 10_000d));
    }

    [Fact]
    public void Record_IntoExistingSeries_AllocatesNothing()
    {
        var counter = NewMeter().CreateCounter<long>("hot_total");
        var histogram = NewMeter().CreateHistogram<double>("hot_seconds");
        using var collector = new MetricsCollector(_meterName);
        var method = new KeyValuePair<string, object?>("method", "Write");
        var code = new KeyValuePair<string, object?>("code", "OK");
        counter.Add(1, method, code);
        histogram.Record(0.1, method);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            counter.Add(1, code, method);
            histogram.Record(0.1, method);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0, "recording with string tags into a known series must not allocate");
        collector.Collect().Should().HaveCount(2);
    }

    [Fact]
    public void Render_CollectedFamilies_AreSortedByName()
    {
        using var collector = new MetricsCollector(_meterName);
        var meter = NewMeter();
        meter.CreateCounter<long>("b_total").Add(1);
        meter.CreateObservableGauge("a_gauge", () => 1);

        var text = collector.Render();

        text.Should().Be("# HELP a_gauge a_gauge\n# TYPE a_gauge gauge\na_gauge 1\n# HELP b_total b_total\n# TYPE b_total counter\nb_total 1\n");
    }

    private static List<(string Labels, double Value)> Values(MetricFamily family) =>
        family.Samples.Select(s => (string.Join(",", s.Labels.Select(l => l.Key + "=" + l.Value)), s.Value)).ToList();

    private Meter NewMeter(params KeyValuePair<string, object?>[] tags)
    {
        var meter = new Meter(new MeterOptions(_meterName) { Tags = tags });
        _meters.Add(meter);
        return meter;
    }
}
