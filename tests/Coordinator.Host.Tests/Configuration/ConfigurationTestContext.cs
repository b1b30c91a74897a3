using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Tests.Stores;

namespace PairDb.Coordinator.Tests.Configuration;

/// <summary>A scratch data folder, a fake environment and config files, for loading options without touching the process.</summary>
internal sealed class ConfigurationTestContext : IDisposable
{
    private readonly TestDirectory _directory = new();
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public ConfigurationTestContext() => DataDirectory = System.IO.Path.Combine(_directory.Path, "data");

    /// <summary>Used as DATA_DIR unless a test sets another, so the coordinator-id file lands in the scratch folder.</summary>
    public string DataDirectory { get; }

    public string Root => _directory.Path;

    public ConfigurationTestContext Set(string name, string value)
    {
        _environment[name] = value;
        return this;
    }

    /// <summary>Writes a YAML file in the scratch folder and returns its path.</summary>
    public string WriteConfig(string yaml, string name = "config.yaml")
    {
        var path = System.IO.Path.Combine(_directory.Path, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public CoordinatorOptions Load(params string[] args)
    {
        _environment.TryAdd("DATA_DIR", DataDirectory);
        return CoordinatorOptionsLoader.Load(args, name => _environment.TryGetValue(name, out var value) ? value : null);
    }

    public void Dispose() => _directory.Dispose();
}
