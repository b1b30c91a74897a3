namespace PairDb.Coordinator.Configuration;

/// <summary>A coordinator setting is malformed or out of range; the message names the key, the bad value and where it came from.</summary>
public sealed class CoordinatorConfigurationException : Exception
{
    public CoordinatorConfigurationException()
    {
    }

    public CoordinatorConfigurationException(string message)
        : base(message)
    {
    }

    public CoordinatorConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CoordinatorConfigurationException(string key, string? value, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The setting at fault, as its YAML key (e.g. "server.port"), when one is.</summary>
    public string? Key { get; }

    /// <summary>The rejected value as written.</summary>
    public string? Value { get; }
}
