namespace PairDb.Cli.Errors;

/// <summary>A command line that parsed but cannot run (e.g. both VALUE and --value-file); exits with <see cref="ExitCodes.Usage"/>.</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException()
    {
    }

    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
