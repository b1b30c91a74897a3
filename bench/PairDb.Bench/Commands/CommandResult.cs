namespace PairDb.Bench.Commands;

/// <summary>Exit codes shared by every command.</summary>
public static class CommandResult
{
    public const int Success = 0;

    /// <summary>Unknown command or bad options (the usage text was printed).</summary>
    public const int UsageError = 2;

    /// <summary>Prints a command's usage problem to stderr and returns <see cref="UsageError"/>.</summary>
    public static int Usage(IBenchCommand command, string problem)
    {
        Console.Error.WriteLine(problem);
        Console.Error.WriteLine("Usage: PairDb.Bench " + command.Usage);
        return UsageError;
    }
}
