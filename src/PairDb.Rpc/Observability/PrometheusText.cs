using System.Globalization;
using System.Text;

namespace PairDb.Rpc.Observability;

/// <summary>
/// Renders metric families in the Prometheus text exposition format, version 0.0.4: a # HELP and a # TYPE line per
/// family, then one line per sample. Names are sanitised and label values escaped here, so callers may pass any text.
/// </summary>
public static class PrometheusText
{
    /// <summary>The Content-Type of a scrape response in this format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The families as one exposition text. Families without samples are left out.</summary>
    public static string Render(IEnumerable<MetricFamily> families)
    {
        ArgumentNullException.ThrowIfNull(families);
        var output = new StringBuilder(4096);
        foreach (var family in families)
        {
            Write(output, family);
        }

        return output.ToString();
    }

    /// <summary>Appends one family; nothing when it has no samples (a bare # TYPE line would only add noise).</summary>
    public static void Write(StringBuilder output, MetricFamily family)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(family);
        if (family.Samples.Count == 0)
        {
            return;
        }

        var name = MetricName(family.Name);
        output.Append("# HELP ").Append(name).Append(' ');
        AppendEscaped(output, family.Help, escapeQuotes: false);
        output.Append("\n# TYPE ").Append(name).Append(' ').Append(TypeName(family.Type)).Append('\n');
        foreach (var sample in family.Samples)
        {
            if (family.Type == MetricType.Histogram)
            {
                WriteHistogram(output, name, sample);
            }
            else
            {
                WriteLine(output, name, string.Empty, sample.Labels, null, sample.Value);
            }
        }
    }

    /// <summary>
    /// A valid metric name ([a-zA-Z_:][a-zA-Z0-9_:]*): every other character becomes '_', and a leading digit gets a
    /// '_' in front. Dots of .NET-style names ("PairDb.requests") therefore become underscores.
    /// </summary>
    public static string MetricName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Sanitize(name, allowColon: true, digitPrefix: "_");
    }

    /// <summary>
    /// A valid label name ([a-zA-Z_][a-zA-Z0-9_]*): other characters become '_'; a leading digit gets "key_" in front
    /// and a leading "__" (reserved for Prometheus itself) gets "key" in front.
    /// </summary>
    public static string LabelName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sanitized = Sanitize(name, allowColon: false, digitPrefix: "key_");
        return sanitized.StartsWith("__", StringComparison.Ordinal) ? "key" + sanitized : sanitized;
    }

    /// <summary>A sample value: shortest round-trip form, or +Inf, -Inf, NaN.</summary>
    public static string FormatValue(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static void WriteHistogram(StringBuilder output, string name, MetricSample sample)
    {
        var histogram = sample.Histogram
            ?? throw new ArgumentException($"Sample of histogram '{name}' carries no buckets.", nameof(sample));
        if (histogram.BucketCounts.Count != histogram.Bounds.Count + 1)
        {
            throw new ArgumentException(
                $"Histogram '{name}' has {histogram.Bounds.Count} bounds but {histogram.BucketCounts.Count} bucket counts; expected one more count than bounds.",
                nameof(sample));
        }

        long cumulative = 0;
        for (var i = 0; i < histogram.Bounds.Count; i++)
        {
            cumulative += histogram.BucketCounts[i];
            WriteLine(output, name, "_bucket", sample.Labels, FormatValue(histogram.Bounds[i]), cumulative);
        }

        cumulative += histogram.BucketCounts[^1];
        WriteLine(output, name, "_bucket", sample.Labels, "+Inf", cumulative);
        WriteLine(output, name, "_sum", sample.Labels, null, histogram.Sum);
        WriteLine(output, name, "_count", sample.Labels, null, cumulative);
    }

    private static void WriteLine(
        StringBuilder output, string name, string suffix, IReadOnlyList<KeyValuePair<string, string>> labels, string? le, double value)
    {
        output.Append(name).Append(suffix);
        if (labels.Count > 0 || le is not null)
        {
            output.Append('{');
            for (var i = 0; i < labels.Count; i++)
            {
                if (i > 0)
                {
                    output.Append(',');
                }

                output.Append(LabelName(labels[i].Key)).Append("=\"");
                AppendEscaped(output, labels[i].Value, escapeQuotes: true);
                output.Append('"');
            }

            if (le is not null)
            {
                output.Append(labels.Count > 0 ? ",le=\"" : "le=\"").Append(le).Append('"');
            }

            output.Append('}');
        }

        output.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    /// <summary>Label values escape backslash, double quote and newline; help text escapes backslash and newline.</summary>
    private static void AppendEscaped(StringBuilder output, string text, bool escapeQuotes)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    output.Append("\\\\");
                    break;
                case '\n':
                    output.Append("\\n");
                    break;
                case '"' when escapeQuotes:
                    output.Append("\\\"");
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }
    }

    private static string Sanitize(string name, bool allowColon, string digitPrefix)
    {
        if (name.Length == 0)
        {
            return "_";
        }

        var valid = true;
        foreach (var c in name)
        {
            if (!IsNameChar(c, allowColon))
            {
                valid = false;
                break;
            }
        }

        var sanitized = name;
        if (!valid)
        {
            var chars = name.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (!IsNameChar(chars[i], allowColon))
                {
                    chars[i] = '_';
                }
            }

            sanitized = new string(chars);
        }

        return char.IsAsciiDigit(sanitized[0]) ? digitPrefix + sanitized : sanitized;
    }

    private static bool IsNameChar(char c, bool allowColon) =>
        char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');

    private static string TypeName(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        MetricType.Histogram => "histogram",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown metric type."),
    };
}
