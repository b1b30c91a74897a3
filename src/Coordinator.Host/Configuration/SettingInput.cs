namespace PairDb.Coordinator.Configuration;

/// <summary>One raw setting value and where it came from, so that a parse error can name all three.</summary>
internal readonly record struct SettingInput(string YamlKey, string EnvironmentName, string Text, string Source)
{
    /// <summary>An error saying what the value must be, e.g. "must be a port number 0..65535".</summary>
    public CoordinatorConfigurationException Invalid(string requirement) =>
        new(YamlKey, Text, $"Invalid setting {YamlKey}{(EnvironmentName.Length > 0 ? " (" + EnvironmentName + ")" : string.Empty)} from {Source}: {requirement}, got '{Text}'.");
}
