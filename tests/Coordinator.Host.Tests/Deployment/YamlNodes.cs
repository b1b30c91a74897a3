using YamlDotNet.RepresentationModel;

namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>Path look-ups on parsed YAML that answer null or empty instead of throwing, so tests can assert on what is missing.</summary>
internal static class YamlNodes
{
    public static YamlNode? Get(this YamlNode? node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out current))
            {
                return null;
            }
        }

        return current;
    }

    public static string? Text(this YamlNode? node, params string[] path) => node.Get(path) is YamlScalarNode scalar ? scalar.Value : null;

    public static int? Int(this YamlNode? node, params string[] path) =>
        int.TryParse(node.Text(path), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    public static IReadOnlyList<YamlNode> Items(this YamlNode? node, params string[] path) =>
        node.Get(path) is YamlSequenceNode sequence ? sequence.Children.ToList() : [];

    /// <summary>A mapping of scalar to scalar (labels, ConfigMap data), or an empty one.</summary>
    public static IReadOnlyDictionary<string, string> Pairs(this YamlNode? node, params string[] path)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node.Get(path) is YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                pairs[((YamlScalarNode)key).Value ?? string.Empty] = value is YamlScalarNode scalar ? scalar.Value ?? string.Empty : value.ToString();
            }
        }

        return pairs;
    }

    /// <summary>The scalar values of a mapping, with their nodes (to inspect how each was written).</summary>
    public static IEnumerable<(string Key, YamlScalarNode? Value)> Entries(this YamlNode? node, params string[] path) =>
        node.Get(path) is YamlMappingNode map
            ? map.Children.Select(pair => (((YamlScalarNode)pair.Key).Value ?? string.Empty, pair.Value as YamlScalarNode))
            : [];
}
