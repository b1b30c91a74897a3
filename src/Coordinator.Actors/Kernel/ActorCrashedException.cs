namespace PairDb.Actors.Kernel;

/// <summary>The handler of an Ask's message threw; the actor was restarted (or stopped at its restart limit).</summary>
public sealed class ActorCrashedException : InvalidOperationException
{
    public ActorCrashedException(string path, Exception cause)
        : base($"Actor {path} crashed while handling the request: {cause.Message}", cause)
    {
        Path = path;
    }

    /// <summary>The crashed actor.</summary>
    public string Path { get; }
}
