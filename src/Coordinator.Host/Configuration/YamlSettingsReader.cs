using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PairDb.Coordinator.Configuration;

/// <summary>
/// Reads a YAML config into (dotted key, text) pairs: nested mappings give "server.port", a list of scalars gives
/// its items joined with commas (storage.nodes), and an empty value leaves the setting at its default.
/// </summary>
internal static class YamlSettingsReader
{
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new CoordinatorConfigurationException($"{source}: not valid YAML (line {ex.Start.Line}, column {ex.Start.Column}): {ex.Message}", ex);
        }

        var settings = new List<KeyValuePair<string, string>>();
        if (stream.Documents.Count == 0)
        {
            return settings;
        }

        if (stream.Documents.Count > 1)
        {
            throw new CoordinatorConfigurationException($"{source}: holds {stream.Documents.Count} YAML documents; a config file holds one.");
        }

        switch (stream.Documents[0].RootNode)
        {
            case YamlMappingNode root:
                Flatten(root, prefix: string.Empty, source, settings);
                break;
            case YamlScalarNode { Value: null or "" }:
                break;
            default:
                throw new CoordinatorConfigurationException($"{source}: the document must be a mapping of settings (see config.yaml).");
        }

        return settings;
    }

    private static void Flatten(YamlMappingNode mapping, string prefix, string source, List<KeyValuePair<string, string>> settings)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = prefix + ((keyNode as YamlScalarNode)?.Value
                ?? throw new CoordinatorConfigurationException($"{source}: a key at line {keyNode.Start.Line} is not a plain name."));
            switch (valueNode)
            {
                case YamlMappingNode nested:
                    Flatten(nested, key + ".", source, settings);
                    break;
                case YamlScalarNode scalar:
                    if (!string.IsNullOrEmpty(scalar.Value))
                    {
                        settings.Add(new(key, scalar.Value));
                    }

                    break;
                case YamlSequenceNode sequence:
                    settings.Add(new(key, JoinScalars(key, sequence, source)));
                    break;
                default:
                    throw new CoordinatorConfigurationException(key, null, $"{source}: {key} has an unsupported value at line {valueNode.Start.Line}.");
            }
        }
    }

    private static string JoinScalars(string key, YamlSequenceNode sequence, string source)
    {
        var items = new List<string>(sequence.Children.Count);
        foreach (var item in sequence.Children)
        {
            items.Add((item as YamlScalarNode)?.Value
                ?? throw new CoordinatorConfigurationException(key, null, $"{source}: {key} must be a list of plain values (line {item.Start.Line})."));
        }

        return string.Join(',', items);
    }
}
