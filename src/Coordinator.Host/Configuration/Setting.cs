namespace PairDb.Coordinator.Configuration;

/// <summary>
/// One setting: its YAML key, the environment variable that overrides it (empty for a key only a file can set), and
/// how a raw value changes the options.
/// </summary>
internal sealed record Setting(string YamlKey, string EnvironmentName, Func<CoordinatorOptions, SettingInput, CoordinatorOptions> Apply)
{
    public CoordinatorOptions ApplyText(CoordinatorOptions options, string text, string source) =>
        Apply(options, new SettingInput(YamlKey, EnvironmentName, text, source));
}
