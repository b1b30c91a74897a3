using System.Text.RegularExpressions;
using FluentAssertions;
using PairDb.Storage.Hosting;

namespace PairDb.Storage.Tests.Hosting;

/// <summary>
/// docs/storage.md's configuration table is the storage node's settings reference: it lists exactly the settings of
/// the loader's table, each with its environment variable and YAML key, so the two cannot drift.
/// </summary>
public sealed partial class StorageDocumentationTests
{
    [Fact]
    public void StorageDoc_ConfigurationTable_ListsExactlyTheLoadersSettings()
    {
        var documented = DocumentedSettings();

        var code = StorageNodeOptionsLoader.SettingNames.Select(static s => $"{s.EnvironmentName} = {s.YamlKey}");

        documented.Should().BeEquivalentTo(code, "docs/storage.md must have one '| `ENV` | `yamlKey` | default | meaning |' row per setting");
    }

    [Fact]
    public void SettingNames_ShutdownTimeout_IsInTheTable()
    {
        StorageNodeOptionsLoader.SettingNames.Should().Contain(("shutdownTimeout", "SHUTDOWN_TIMEOUT"));
    }

    [Fact]
    public void Load_ShutdownTimeoutVariable_SetsTheTimeout()
    {
        var options = StorageNodeOptionsLoader.Load(name => name == "SHUTDOWN_TIMEOUT" ? "2500ms" : null);

        options.ShutdownTimeout.Should().Be(TimeSpan.FromMilliseconds(2500));
    }

    [Fact]
    public void Load_NoShutdownTimeout_FifteenSecondsAsDocumented()
    {
        var options = StorageNodeOptionsLoader.Load(static _ => null);

        options.ShutdownTimeout.Should().Be(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void Load_ZeroShutdownTimeout_Rejected()
    {
        var act = () => StorageNodeOptionsLoader.Load(name => name == "SHUTDOWN_TIMEOUT" ? "0s" : null);

        act.Should().Throw<StorageConfigurationException>().WithMessage("*SHUTDOWN_TIMEOUT*");
    }

    /// <summary>"ENV = yamlKey" for each row of the table under "## Configuration" in docs/storage.md.</summary>
    private static List<string> DocumentedSettings()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "storage.md"));
        var start = Array.IndexOf(lines, "## Configuration");
        start.Should().BePositive("docs/storage.md has a '## Configuration' section");
        var rows = new List<string>();
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            if (SettingRow().Match(lines[i]) is { Success: true } row)
            {
                rows.Add(row.Groups[1].Value + " = " + row.Groups[2].Value);
            }
        }

        return rows;
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

    [GeneratedRegex(@"^\| `([A-Z][A-Z0-9_]*)` \| `([A-Za-z]+)` \|")]
    private static partial Regex SettingRow();
}
