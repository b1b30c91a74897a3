using FluentAssertions;
using PairDb.Storage.Observability;

namespace PairDb.Storage.Tests.Observability;

public sealed class PrometheusNamesTests
{
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
        PrometheusNames.MetricName(name).Should().Be(expected);
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
        PrometheusNames.LabelName(name).Should().Be(expected);
    }

    [Theory]
    [InlineData("Plain.", "Plain.")]
    [InlineData("Say \"hi\"", "Say \"hi\"")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("two\nlines", "two\\nlines")]
    public void Help_AnyText_EscapesBackslashAndNewline(string text, string expected)
    {
        PrometheusNames.Help(text).Should().Be(expected);
    }
}
