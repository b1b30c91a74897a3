namespace PairDb.Actors.Kernel;

/// <summary>Hooks a shard region sets on its entity cells; both run on the entity's own processing loop.</summary>
internal interface ICellObserver
{
    /// <summary>The idle timer fired and every message queued before it has been handled.</summary>
    void OnIdleCheck(ActorCell cell);

    /// <summary>The cell has stopped for good (passivated, stopped, or past its restart limit).</summary>
    void OnStopped(ActorCell cell);
}
