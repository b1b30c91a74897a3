namespace PairDb.Actors.Kernel;

/// <summary>Hooks a shard region sets on its entity cells; the two callbacks run on the entity's own processing loop.</summary>
internal interface ICellObserver
{
    /// <summary>The cell's path, built when asked: an entity keeps no path string of its own.</summary>
    string CellPath { get; }

    /// <summary>The idle timer fired and every message queued before it has been handled.</summary>
    void OnIdleCheck(ActorCell cell);

    /// <summary>The cell has stopped for good (passivated, stopped, or past its restart limit).</summary>
    void OnStopped(ActorCell cell);
}
