using System.Globalization;
using System.Text;

namespace PairDb.Integration.Tests.Observability;

/// <summary>
/// A parsed /metrics answer: every sample line as (name, labels, value), read independently of the exporter, plus
/// the # TYPE of each family.
/// </summary>
public sealed class Scrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    private Scrape(string text) => Text = text;

    public string Text { get; }

    public static Scrape Parse(string text)
    {
        var scrape = new Scrape(text);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                scrape._types[parts[2]] = parts[3];
            }
            else if (!line.StartsWith('#'))
            {
                scrape._samples.Add(ParseSample(line));
            }
        }

        return scrape;
    }

    /// <summary>The family's # TYPE, or null when the scrape has no such family.</summary>
    public string? TypeOf(string family) => _types.GetValueOrDefault(family);

    /// <summary>Sum of the samples named <paramref name="name"/> carrying every given label (0 when none: a counter not yet moved).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels)
    {
        double sum = 0;
        foreach (var sample in _samples)
        {
            if (sample.Name == name && labels.All(l => sample.Labels.TryGetValue(l.Label, out var v) && v == l.Value))
            {
                sum += sample.Value;
            }
        }

        return sum;
    }

    /// <summary>The distinct values of <paramref name="label"/> among the samples named <paramref name="name"/>.</summary>
    public IReadOnlyList<string> LabelValues(string name, string label) =>
        _samples.Where(s => s.Name == name && s.Labels.ContainsKey(label)).Select(s => s.Labels[label]).Distinct().Order(StringComparer.Ordinal).ToList();

    private static (string, Dictionary<string, string>, double) ParseSample(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var brace = line.IndexOf('{');
        var space = line.LastIndexOf(' ');
        var value = double.Parse(line[(space + 1)..].Replace("+Inf", "Infinity", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        if (brace < 0)
        {
            return (line[..space], labels, value);
        }

        var i = brace + 1;
        while (line[i] != '}')
        {
            var equals = line.IndexOf('=', i);
            var label = line[i..equals];
            var text = new StringBuilder();
            i = equals + 2;
            while (line[i] != '"')
            {
                text.Append(line[i] == '\\' ? line[++i] switch { 'n' => '\n', var c => c } : line[i]);
                i++;
            }

            labels[label] = text.ToString();
            i += line[i + 1] == ',' ? 2 : 1;
        }

        return (line[..brace], labels, value);
    }
}
