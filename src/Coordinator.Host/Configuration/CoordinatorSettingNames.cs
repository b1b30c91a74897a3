namespace PairDb.Coordinator.Configuration;

/// <summary>The YAML key and environment variable of every coordinator setting, in table order (for documentation checks).</summary>
public static class CoordinatorSettingNames
{
    public static IReadOnlyList<(string YamlKey, string EnvironmentName)> All =>
        Array.ConvertAll(CoordinatorSettings.All, static setting => (setting.YamlKey, setting.EnvironmentName));
}
