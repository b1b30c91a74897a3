namespace PairDb.Cli.Errors;

/// <summary>The process exit codes scripts can rely on (documented in `pairdb --help` and docs/cli.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command line was wrong: unknown command, missing or malformed argument, unreadable value file.</summary>
    public const int Usage = 1;

    /// <summary>NOT_FOUND: unknown tenant, key, node or migration.</summary>
    public const int NotFound = 2;

    /// <summary>The coordinator refused the request: INVALID_ARGUMENT, FAILED_PRECONDITION, ALREADY_EXISTS.</summary>
    public const int Rejected = 3;

    /// <summary>No answer: UNAVAILABLE, DEADLINE_EXCEEDED, connection refused.</summary>
    public const int Unavailable = 4;

    /// <summary>A watched migration ended failed or cancelled.</summary>
    public const int MigrationFailed = 5;

    /// <summary>Any other server error (INTERNAL, UNIMPLEMENTED, RESOURCE_EXHAUSTED, ...).</summary>
    public const int ServerError = 6;

    /// <summary>UNAUTHENTICATED (no or an invalid --token) or PERMISSION_DENIED (a tenant token used beyond its tenant).</summary>
    public const int Denied = 7;

    /// <summary>Interrupted by Ctrl+C (SIGINT), the shell convention 128 + 2.</summary>
    public const int Interrupted = 130;
}
