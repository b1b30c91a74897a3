using System.Text.RegularExpressions;
using FluentAssertions;
using PairDb.Coordinator.Configuration;
using YamlDotNet.RepresentationModel;

namespace PairDb.Coordinator.Tests.Configuration;

/// <summary>
/// config.yaml at the repository root is the settings reference: every setting of the code's table appears there as a
/// key whose comment names its environment variable ("env NAME"), and nothing else does, so the two cannot drift.
/// </summary>
public sealed partial class ConfigYamlDocumentationTests
{
    private static readonly string ConfigPath = Path.Combine(RepositoryRoot(), "config.yaml");

    [Fact]
    public void ConfigYaml_EverySettingOfTheTable_DocumentedWithItsEnvironmentVariable()
    {
        var documented = DocumentedSettings();

        var missing = CoordinatorSettingNames.All
            .Where(s => !documented.TryGetValue(s.YamlKey, out var env) || env != s.EnvironmentName)
            .Select(s => $"{s.YamlKey} (env {s.EnvironmentName})");

        missing.Should().BeEmpty("config.yaml must list each setting as its key with 'env NAME' in the comment above it");
    }

    [Fact]
    public void ConfigYaml_EveryDocumentedKey_IsASettingOfTheTableWithThatVariable()
    {
        var table = CoordinatorSettingNames.All.ToDictionary(static s => s.YamlKey, static s => s.EnvironmentName, StringComparer.Ordinal);

        var unknown = DocumentedSettings()
            .Where(d => !table.TryGetValue(d.Key, out var env) || env != d.Value)
            .Select(static d => $"{d.Key} (env {d.Value})");

        unknown.Should().BeEmpty("config.yaml must not document settings the code does not read");
    }

    [Fact]
    public void ConfigYaml_CommentParser_SeesExactlyTheKeysYamlSees()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(ConfigPath)));
        var keys = new List<string>();
        Flatten((YamlMappingNode)stream.Documents[0].RootNode, string.Empty, keys);

        DocumentedSettings().Keys.Should().BeEquivalentTo(keys, "every leaf key must carry exactly one 'env NAME' comment");
    }

    [Fact]
    public void CoordinatorSettingNames_TableHasNoDuplicateKeysOrVariables()
    {
        var names = CoordinatorSettingNames.All;

        names.Select(static s => s.YamlKey).Should().OnlyHaveUniqueItems();
        names.Select(static s => s.EnvironmentName).Should().OnlyHaveUniqueItems();
    }

    /// <summary>
    /// Leaf keys of config.yaml ("section.key" or "key") with the one environment variable their comment block names.
    /// A comment block is the comment lines right above the key (a blank line or a section header ends it).
    /// </summary>
    private static Dictionary<string, string> DocumentedSettings()
    {
        var documented = new Dictionary<string, string>(StringComparer.Ordinal);
        var comments = new List<string>();
        string? section = null;
        foreach (var line in File.ReadAllLines(ConfigPath))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                comments.Clear();
                continue;
            }

            if (trimmed.StartsWith('#'))
            {
                comments.Add(trimmed);
                continue;
            }

            var match = KeyLine().Match(line);
            match.Success.Should().BeTrue($"config.yaml line '{line}' should be a comment or a 'key: value' line");
            var (indented, key, value) = (match.Groups[1].Value.Length > 0, match.Groups[2].Value, match.Groups[3].Value);
            if (!indented && value.Length == 0)
            {
                section = key;
                comments.Clear();
                continue;
            }

            var fullKey = indented ? section + "." + key : key;
            var variables = comments.SelectMany(static c => EnvMention().Matches(c)).Select(static m => m.Groups[1].Value).ToList();
            variables.Should().ContainSingle($"the comment above {fullKey} in config.yaml should name its environment variable once as 'env NAME'");
            documented.Add(fullKey, variables[0]);
            comments.Clear();
        }

        return documented;
    }

    private static void Flatten(YamlMappingNode mapping, string prefix, List<string> keys)
    {
        foreach (var (key, value) in mapping.Children)
        {
            var name = prefix + ((YamlScalarNode)key).Value;
            if (value is YamlMappingNode nested)
            {
                Flatten(nested, name + ".", keys);
            }
            else
            {
                keys.Add(name);
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PairDb.Akka.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PairDb.Akka.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^(\s*)([a-z_]+):\s*(.*)$")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"\benv ([A-Z][A-Z0-9_]*)")]
    private static partial Regex EnvMention();
}
