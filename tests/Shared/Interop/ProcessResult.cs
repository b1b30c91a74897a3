namespace PairDb.TestSupport.Interop;

/// <summary>How a finished child process ended and what it printed.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Everything needed to understand a failure, for assertion messages.</summary>
    public string Describe() =>
        $"'{Command}' exited {ExitCode}.\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
