using System.Globalization;
using System.Text.RegularExpressions;
using FluentAssertions;
using PairDb.Messages.Ring;
using PairDb.Storage.Engine;
using PairDb.Storage.Observability;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

/// <summary>
/// The engine's instruments as the exporter sees them. Each test names its node uniquely, and its exporter takes
/// that node's instruments only, so engines of tests running in parallel never mix in.
/// </summary>
public sealed class EngineMetricsTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _nodeId = "metrics-" + Guid.NewGuid().ToString("N");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Scrape_WritesDeletesRepairsAndReads_CountedUnderTheNodeLabel()
    {
        await using var engine = TestEngines.Open(_directory, o => o with { NodeId = _nodeId });
        using var exporter = NodeExporter(_nodeId);
        for (var i = 0; i < 20; i++)
        {
            await engine.WriteAsync("t", "k" + i, Live("v" + i, 1, ("a", 1)));
        }

        await engine.WriteAsync("t", "k0", Tombstone(2, ("a", 2)));
        await engine.RepairAsync("t", "k1", [Live("w", 3, ("a", 2))]);
        await engine.ReadAsync("t", "k1");
        await engine.ReadAsync("t", "missing");

        var samples = await ExporterScrape.SamplesAsync(exporter);

        Value(samples, "pairdb_storage_writes_total").Should().Be(22);
        Value(samples, "pairdb_storage_reads_total").Should().Be(2);
        Value(samples, "pairdb_storage_keys").Should().Be(20, "the tombstoned key stays until collected");
        Value(samples, "pairdb_storage_bytes_on_disk").Should().BeGreaterThan(0);
        var nodeOnly = new Regex("^[a-z_]+\\{node=\"" + _nodeId + "\"(,le=\"[^\"]+\")?\\} ", RegexOptions.CultureInvariant);
        samples.Should().OnlyContain(line => nodeOnly.IsMatch(line), "the node is the only label (besides a bucket's le)");
    }

    [Fact]
    public async Task Scrape_Collection_CountsTombstoneKeysAndExpiredVersions()
    {
        const long nowMicros = 1_000_000;
        await using var engine = TestEngines.Open(_directory, o => o with { NodeId = _nodeId });
        using var exporter = NodeExporter(_nodeId);
        await engine.WriteAsync("t", "deleted", Tombstone(1, ("a", 1)));
        for (var i = 0; i < 3; i++)
        {
            await engine.WriteAsync("t", "expiring" + i, new PairDb.Messages.Values.VersionedValue(
                new byte[] { 1 }, Clock(("a", 1)), nowMicros, "coord-1", tombstone: false, expiresAtMicros: nowMicros + 1));
        }

        await engine.CollectTombstonesAsync(RingRange.All, ["t"], nowMicros + 1);
        var samples = await ExporterScrape.SamplesAsync(exporter);

        Value(samples, "pairdb_storage_tombstones_collected_total").Should().Be(1);
        Value(samples, "pairdb_storage_expired_versions_collected_total").Should().Be(3);
        Value(samples, "pairdb_storage_keys").Should().Be(0);
    }

    [Fact]
    public async Task Scrape_GroupCommits_OneBatchObservationPerTransaction()
    {
        await using var engine = TestEngines.Open(_directory, o => o with { NodeId = _nodeId, MaxBatchSize = 16 });
        using var exporter = NodeExporter(_nodeId);

        var writes = new Task[200];
        for (var i = 0; i < writes.Length; i++)
        {
            writes[i] = engine.WriteAsync("t", "k" + i, Live("v", 1, ("a", 1))).AsTask();
        }

        await Task.WhenAll(writes);
        var samples = await ExporterScrape.SamplesAsync(exporter);

        Value(samples, "pairdb_storage_batch_size_count").Should().Be(engine.CommittedBatches);
        Value(samples, "pairdb_storage_batch_size_sum").Should().Be(200, "every write was committed in exactly one transaction");
        Bounds(samples, "pairdb_storage_batch_size").Should().Equal("1", "2", "4", "8", "16", "32", "64", "128", "256", "512", "1024", "+Inf");
        Value(samples, "pairdb_storage_batch_size_bucket", "16").Should().Be(engine.CommittedBatches, "no transaction holds more than the 16-write batch limit");
        Bounds(samples, "pairdb_storage_commit_duration_seconds").Should().Equal(
            "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf");
        Value(samples, "pairdb_storage_commit_duration_seconds_count").Should().Be(engine.CommittedBatches);
    }

    [Fact]
    public async Task Scrape_EngineDisposed_ItsSeriesAreGone()
    {
        using var exporter = NodeExporter(_nodeId);
        var engine = TestEngines.Open(_directory, o => o with { NodeId = _nodeId });
        await engine.WriteAsync("t", "k", Live("v", 1, ("a", 1)));
        (await ExporterScrape.SamplesAsync(exporter)).Should().NotBeEmpty();

        await engine.DisposeAsync();

        (await ExporterScrape.SamplesAsync(exporter)).Should().BeEmpty();
    }

    [Fact]
    public async Task IsNodeInstrument_TwoEngines_EachExporterSeesOnlyItsNode()
    {
        using var otherDirectory = new TempDirectory();
        await using var engine = TestEngines.Open(_directory, o => o with { NodeId = _nodeId });
        await using var other = TestEngines.Open(otherDirectory, o => o with { NodeId = _nodeId + "-other" });
        using var exporter = NodeExporter(_nodeId);

        await other.WriteAsync("t", "k", Live("v", 1, ("a", 1)));

        var samples = await ExporterScrape.SamplesAsync(exporter);
        Value(samples, "pairdb_storage_keys").Should().Be(0);
        samples.Should().NotContain(line => line.StartsWith("pairdb_storage_writes_total", StringComparison.Ordinal));
    }

    private static MeterExporter NodeExporter(string nodeId) =>
        new(instrument => EngineMetrics.IsNodeInstrument(instrument, nodeId));

    /// <summary>The value of the one sample of <paramref name="name"/> (of its bucket <paramref name="le"/> if given).</summary>
    private double Value(List<string> samples, string name, string? le = null)
    {
        var prefix = name + "{node=\"" + _nodeId + "\"" + (le is null ? string.Empty : ",le=\"" + le + "\"") + "} ";
        var line = samples.Should().ContainSingle(l => l.StartsWith(prefix, StringComparison.Ordinal)).Which;
        return double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }

    private static List<string> Bounds(List<string> samples, string histogram) =>
        [.. samples.Where(l => l.StartsWith(histogram + "_bucket{", StringComparison.Ordinal))
            .Select(static l => Regex.Match(l, "le=\"([^\"]+)\"", RegexOptions.CultureInvariant).Groups[1].Value)];
}
