namespace PairDb.Actors.Migration;

/// <summary>A migration cannot complete; the message is what GetMigrationStatus reports as the failure reason.</summary>
public sealed class MigrationFailedException : Exception
{
    public MigrationFailedException()
    {
    }

    public MigrationFailedException(string message)
        : base(message)
    {
    }

    public MigrationFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
