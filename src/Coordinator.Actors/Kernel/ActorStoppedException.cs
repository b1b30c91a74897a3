namespace PairDb.Actors.Kernel;

/// <summary>An Ask addressed an actor that has stopped, or that stopped before handling it.</summary>
public sealed class ActorStoppedException : InvalidOperationException
{
    public ActorStoppedException(string path)
        : base($"Actor {path} is stopped.")
    {
        Path = path;
    }

    /// <summary>The stopped actor.</summary>
    public string Path { get; }
}
