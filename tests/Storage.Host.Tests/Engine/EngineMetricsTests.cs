using FluentAssertions;
using PairDb.Rpc.Observability;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

/// <summary>
/// The engine's instruments as a collector sees them. Each test names its node uniquely, and its collector takes
/// that node's instruments only, so engines of tests running in parallel never mix in.
/// </summary>
public sealed class EngineMetricsTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _nodeId = "metrics-" + Guid.NewGuid().ToString("N");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Collect_WritesDeletesRepairsAndReads_CountedUnderTheNodeLabel()
    {
        await using var engine = TestEngines.Open(_directory, o => o with { NodeId = _nodeId });
        using var collector = NodeCollector(_nodeId);
        for (var i = 0; i < 20; i++)
        {
            await engine.WriteAsync("t", "k" + i, Live("v" + i, 1, ("a", 1)));
        }

        await engine.WriteAsync("t", "k0", Tombstone(2, ("a", 2)));
        await engine.RepairAsync("t", "k1", [Live("w", 3, ("a", 2))]);
        await engine.ReadAsync("t", "k1");
        await engine.ReadAsync("t", "missing");

        var families = collector.Collect();

        Value(families, "pairdb_storage_writes_total").Should().Be(22);
        Value(families, "pairdb_storage_reads_total").Should().Be(2);
        Value(families, "pairdb_storage_keys").Should().Be(20, "the tombstoned key stays until collected");
        Value(families, "pairdb_storage_bytes_on_disk").Should().BeGreaterThan(0);
        families.SelectMany(f => f.Samples).Should().OnlyContain(s => s.Labels.Count == 1 && s.Labels[0].Key == "node" && s.Labels[0].Value == _nodeId);
    }

    [Fact]
    public async Task Collect_GroupCommits_OneBatchObservationPerTransaction()
    {
        await using var engine = TestEngines.Open(_directory, o => o with { NodeId = _nodeId, MaxBatchSize = 16 });
        using var collector = NodeCollector(_nodeId);

        var writes = new Task[200];
        for (var i = 0; i < writes.Length; i++)
        {
            writes[i] = engine.WriteAsync("t", "k" + i, Live("v", 1, ("a", 1))).AsTask();
        }

        await Task.WhenAll(writes);
        var families = collector.Collect();

        var batches = Histogram(families, "pairdb_storage_batch_size");
        batches.Count.Should().Be(engine.CommittedBatches);
        batches.Sum.Should().Be(200, "every write was committed in exactly one transaction");
        batches.Bounds.Should().Equal(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024);
        batches.BucketCounts.Skip(5).Should().OnlyContain(c => c == 0, "no transaction holds more than the 16-write batch limit");
        Histogram(families, "pairdb_storage_commit_duration_seconds").Count.Should().Be(engine.CommittedBatches);
    }

    [Fact]
    public async Task Collect_EngineDisposed_ItsSeriesAreGone()
    {
        using var collector = NodeCollector(_nodeId);
        var engine = TestEngines.Open(_directory, o => o with { NodeId = _nodeId });
        await engine.WriteAsync("t", "k", Live("v", 1, ("a", 1)));
        collector.Collect().Should().NotBeEmpty();

        await engine.DisposeAsync();

        collector.Collect().Should().BeEmpty();
    }

    [Fact]
    public async Task IsNodeInstrument_TwoEngines_EachCollectorSeesOnlyItsNode()
    {
        using var otherDirectory = new TempDirectory();
        await using var engine = TestEngines.Open(_directory, o => o with { NodeId = _nodeId });
        await using var other = TestEngines.Open(otherDirectory, o => o with { NodeId = _nodeId + "-other" });
        using var collector = NodeCollector(_nodeId);

        await other.WriteAsync("t", "k", Live("v", 1, ("a", 1)));

        Value(collector.Collect(), "pairdb_storage_keys").Should().Be(0);
        collector.Collect().Should().NotContain(f => f.Name == "pairdb_storage_writes_total");
    }

    private static MetricsCollector NodeCollector(string nodeId) =>
        new(instrument => EngineMetrics.IsNodeInstrument(instrument, nodeId));

    private static double Value(IReadOnlyList<MetricFamily> families, string name) =>
        families.Should().ContainSingle(f => f.Name == name).Which.Samples.Should().ContainSingle().Which.Value;

    private static HistogramValue Histogram(IReadOnlyList<MetricFamily> families, string name) =>
        families.Should().ContainSingle(f => f.Name == name).Which.Samples.Should().ContainSingle().Which.Histogram!;
}
