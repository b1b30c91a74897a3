namespace PairDb.Actors.Kernel;

/// <summary>Sizing and passivation settings of one shard region.</summary>
public sealed record ShardRegionSettings
{
    private readonly int _shardCount = 100;
    private readonly int _maxLiveEntities = 100_000;
    private readonly TimeSpan _passivateIdleAfter = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Shards per region. 100 because the count can never change once keys are placed (it would move
    /// every key), and about ten shards per coordinator lets later placement spread load evenly across
    /// up to ten coordinators without a shard becoming a hot spot.
    /// </summary>
    public int ShardCount
    {
        get => _shardCount;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _shardCount = value;
        }
    }

    /// <summary>Most live entities in this region; past it idle ones are passivated, or the message is refused.</summary>
    public int MaxLiveEntities
    {
        get => _maxLiveEntities;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxLiveEntities = value;
        }
    }

    /// <summary>An entity with no user message for this long is passivated, once it says it can be.</summary>
    public TimeSpan PassivateIdleAfter
    {
        get => _passivateIdleAfter;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _passivateIdleAfter = value;
        }
    }
}
