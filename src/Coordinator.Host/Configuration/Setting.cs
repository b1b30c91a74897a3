namespace PairDb.Coordinator.Configuration;

/// <summary>
/// One setting: its YAML key, the environment variable that overrides it (empty for a key only a file can set), and
/// how a raw value changes the options.
/// </summary>
internal sealed record Setting(string YamlKey, string EnvironmentName, Func<CoordinatorOptions, SettingInput, CoordinatorOptions> Apply)
{
    public CoordinatorOptions ApplyText(CoordinatorOptions options, string text, string source) =>
        Apply(options, new SettingInput(YamlKey, EnvironmentName, text, source));

    /// <summary>The setting of <paramref name="table"/> whose YAML key is <paramref name="key"/>, or null.</summary>
    public static Setting? Find(Setting[] table, string key)
    {
        foreach (var setting in table)
        {
            if (string.Equals(setting.YamlKey, key, StringComparison.Ordinal))
            {
                return setting;
            }
        }

        return null;
    }

    /// <summary>The YAML keys of <paramref name="table"/>, comma-separated, for error messages.</summary>
    public static string YamlKeys(Setting[] table) => string.Join(", ", Array.ConvertAll(table, static s => s.YamlKey));
}
