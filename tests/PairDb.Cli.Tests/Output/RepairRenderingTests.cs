using System.Text.Json;
using FluentAssertions;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;
using PairDb.Cli.Tests.Support;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Tests.Output;

/// <summary>`repair status`: the JSON names scripts rely on, and the summary and range table people read.</summary>
public sealed class RepairRenderingTests
{
    [Fact]
    public void Status_Json_HasEverySummaryFieldAndNullRangesWhenNotAsked()
    {
        // Act
        var json = Parse(JsonSerializer.Serialize(RepairViews.Status(RepairSamples.Status(withRanges: false), withRanges: false), CliJson.Output.RepairStatusView));

        // Assert
        Names(json).Should().Equal(
            "enabled", "pass_number", "pass_started_at", "ranges_total", "ranges_synced", "ranges_failed", "keys_repaired",
            "last_full_pass_started_at", "last_full_pass_completed_at", "all_synced_since", "ranges");
        json.GetProperty("enabled").GetBoolean().Should().BeTrue();
        json.GetProperty("pass_number").GetInt64().Should().Be(12);
        json.GetProperty("pass_started_at").GetInt64().Should().Be(Samples.CreatedAt + 600);
        (json.GetProperty("ranges_total").GetInt32(), json.GetProperty("ranges_synced").GetInt32(), json.GetProperty("ranges_failed").GetInt32()).Should().Be((3, 1, 1));
        json.GetProperty("keys_repaired").GetInt64().Should().Be(1234);
        json.GetProperty("last_full_pass_completed_at").GetInt64().Should().Be(Samples.CreatedAt + 300);
        json.GetProperty("all_synced_since").GetInt64().Should().Be(0);
        json.GetProperty("ranges").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Status_JsonWithRanges_EveryRangeFieldAndPositionsAbove2To63Exact()
    {
        // Act
        var json = Parse(JsonSerializer.Serialize(RepairViews.Status(RepairSamples.Status(withRanges: true), withRanges: true), CliJson.Output.RepairStatusView));

        // Assert
        var ranges = json.GetProperty("ranges");
        ranges.GetArrayLength().Should().Be(3);
        var range = ranges[0];
        Names(range).Should().Equal(
            "replication_factor", "start", "end", "replicas", "synced_at", "attempted_at", "keys_read", "keys_repaired", "tombstones_collected", "last_error");
        range.GetProperty("start").GetUInt64().Should().Be(RepairSamples.HighStart);
        range.GetProperty("end").GetUInt64().Should().Be(ulong.MaxValue);
        range.GetProperty("replicas").EnumerateArray().Select(static r => r.GetString()).Should().Equal("storage-1", "storage-2", "storage-3");
        range.GetProperty("tombstones_collected").GetInt64().Should().Be(17);
        ranges[1].GetProperty("last_error").GetString().Should().Be("storage-4 unavailable");
        ranges[2].GetProperty("synced_at").GetInt64().Should().Be(0);
    }

    [Fact]
    public void Status_Table_SummaryWithUtcTimesAndCounts()
    {
        // Act
        var text = Render.Text(RepairTables.Status(RepairViews.Status(RepairSamples.Status(withRanges: false), withRanges: false)));

        // Assert
        text.Should().Contain("Anti-entropy").And.Contain("enabled");
        text.Should().Contain("#12, started 2026-11-21 10:10:00Z");
        text.Should().Contain("1 synced, 1 failed of 3 (33.3% synced)");
        text.Should().Contain("Keys repaired this pass").And.Contain("1,234");
        text.Should().Contain("Last full pass started").And.Contain("2026-11-21 10:00:00Z");
        text.Should().Contain("Last full pass completed").And.Contain("2026-11-21 10:05:00Z");
        text.Should().Contain("All ranges in agreement since").And.Contain("some range has never synced");
        text.Should().NotContain("REPLICAS");
    }

    [Fact]
    public void Status_TableWithRanges_HexPositionsReplicasAndErrors()
    {
        // Act
        var text = Render.Text(RepairTables.Status(RepairViews.Status(RepairSamples.Status(withRanges: true), withRanges: true)));

        // Assert
        text.Should().Contain("REPLICAS").And.Contain("LAST ERROR").And.Contain("3 ranges");
        text.Should().Contain("0x8000000000000001").And.Contain("0xffffffffffffffff").And.Contain("0x000000000000002a");
        text.Should().Contain("storage-1,").And.Contain("storage-3").And.Contain("5,000").And.Contain("unavailable");
        text.Should().Contain("2026-11-21 10:11:40Z", "times are never wrapped");
        text.Should().Contain("2026-11-21 10:11:00Z");
    }

    [Fact]
    public void Status_Disabled_NoPassAndAllSynced_SaysSo()
    {
        // Arrange
        var response = new GetRepairStatusResponse { Success = true, Enabled = false, RangesTotal = 4, RangesSynced = 4, AllSyncedSince = Samples.CreatedAt };

        // Act
        var text = Render.Text(RepairTables.Status(RepairViews.Status(response, withRanges: false)));

        // Assert
        text.Should().Contain("disabled on this coordinator (anti_entropy.enabled)");
        text.Should().Contain("4 synced, 0 failed of 4 (100.0% synced)");
        text.Should().Contain("All ranges in agreement since  2026-11-21 10:00:00Z");
    }

    [Fact]
    public void RangeCounts_NoRanges_OmitsThePercentage()
    {
        // Act
        var text = RepairTables.RangeCounts(RepairViews.Status(new GetRepairStatusResponse { Success = true }, withRanges: false));

        // Assert
        text.Should().Be("0 synced, 0 failed of 0");
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(static p => p.Name)];
}
