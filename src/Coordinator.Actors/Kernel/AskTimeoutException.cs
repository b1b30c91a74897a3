namespace PairDb.Actors.Kernel;

/// <summary>An Ask got no reply before its deadline (maps to DEADLINE_EXCEEDED at the edge).</summary>
public sealed class AskTimeoutException : TimeoutException
{
    public AskTimeoutException(string path, TimeSpan timeout)
        : base($"Ask to {path} got no reply within {timeout.TotalMilliseconds} ms.")
    {
        Path = path;
        Timeout = timeout;
    }

    /// <summary>The asked actor.</summary>
    public string Path { get; }

    /// <summary>The deadline the ask carried.</summary>
    public TimeSpan Timeout { get; }
}
