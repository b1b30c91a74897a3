namespace PairDb.Coordinator.Configuration;

/// <summary>
/// Builds <see cref="CoordinatorOptions"/> from, lowest precedence first: the built-in defaults, the YAML file named by
/// <c>--config PATH</c> (or, without it, the CONFIG_PATH variable), then environment variables. When no node id is
/// configured, the one persisted in the data folder is used (generated on first start).
/// </summary>
public static class CoordinatorOptionsLoader
{
    public const string ConfigPathVariable = "CONFIG_PATH";
    public const string ConfigArgument = "--config";

    /// <summary>Loads from the process's command line and environment.</summary>
    public static CoordinatorOptions FromProcess(IReadOnlyList<string> args) =>
        Load(args, static name => Environment.GetEnvironmentVariable(name));

    /// <summary>Loads using <paramref name="environment"/> to look variables up (null when unset).</summary>
    public static CoordinatorOptions Load(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var options = new CoordinatorOptions();
        var configPath = ConfigPathFromArguments(args) ?? NonEmpty(environment(ConfigPathVariable));
        if (configPath is not null)
        {
            options = ApplyYaml(options, ReadConfigFile(configPath), configPath) with { ConfigFile = configPath };
        }

        foreach (var setting in CoordinatorSettings.All)
        {
            if (NonEmpty(environment(setting.EnvironmentName)) is { } value)
            {
                options = setting.ApplyText(options, value, "environment variable " + setting.EnvironmentName);
            }
        }

        if (options.NodeId.Length == 0)
        {
            options = options with { NodeId = CoordinatorNodeId.LoadOrCreate(options.DataDirectory) };
        }

        options.Validate();
        return options.WithConvergenceWarnings();
    }

    /// <summary>
    /// Applies a YAML document's settings over <paramref name="options"/>: this project's layout or the PairDB seed
    /// layout's keys (<see cref="SeedLayoutSettings"/>), mixed freely; unknown keys are errors (they are usually typos).
    /// </summary>
    public static CoordinatorOptions ApplyYaml(CoordinatorOptions options, string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(yaml);
        foreach (var (key, value) in YamlSettingsReader.Read(yaml, source))
        {
            var setting = Setting.Find(CoordinatorSettings.All, key)
                ?? Setting.Find(SeedLayoutSettings.All, key)
                ?? throw new CoordinatorConfigurationException(
                    key,
                    value,
                    $"{source}: unknown setting '{key}'. Known settings: {Setting.YamlKeys(CoordinatorSettings.All)}; "
                    + $"of the PairDB seed layout also: {Setting.YamlKeys(SeedLayoutSettings.All)}.");
            options = setting.ApplyText(options, value, source);
        }

        return options;
    }

    /// <summary>The value of --config PATH or --config=PATH, or null when absent.</summary>
    private static string? ConfigPathFromArguments(IReadOnlyList<string> args)
    {
        string? path = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (string.Equals(args[i], ConfigArgument, StringComparison.Ordinal))
            {
                path = i + 1 < args.Count && NonEmpty(args[i + 1]) is { } next && !next.StartsWith("--", StringComparison.Ordinal)
                    ? next
                    : throw new CoordinatorConfigurationException(ConfigArgument, null, $"{ConfigArgument} must be followed by the path of a YAML config file.");
                i++;
            }
            else if (args[i].StartsWith(ConfigArgument + "=", StringComparison.Ordinal))
            {
                path = NonEmpty(args[i][(ConfigArgument.Length + 1)..])
                    ?? throw new CoordinatorConfigurationException(ConfigArgument, string.Empty, $"{ConfigArgument}= must name a YAML config file.");
            }
        }

        return path;
    }

    private static string ReadConfigFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CoordinatorConfigurationException("config", path, $"Cannot read the config file '{path}': {ex.Message}", ex);
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
