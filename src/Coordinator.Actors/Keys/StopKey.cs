namespace PairDb.Actors.Keys;

/// <summary>
/// The shard region's stop message for a key actor, on hand-off and on idle passivation: the actor stops when no
/// round is in flight and no write waits, and not before (it finishes what it holds first), so no write is dropped.
/// </summary>
public sealed record StopKey
{
    public static readonly StopKey Instance = new();

    private StopKey()
    {
    }
}
