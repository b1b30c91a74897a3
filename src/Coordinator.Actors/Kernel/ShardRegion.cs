using PairDb.Messages.Protocols;

namespace PairDb.Actors.Kernel;

/// <summary>
/// Routes each <see cref="IWithTenantKey"/> message to its entity actor (Akka's ShardRegion): shard =
/// <see cref="ShardHash"/>, placed by an <see cref="IShardLocator"/>; entities are created on their first
/// message, passivated when idle, and bounded in number.
/// </summary>
public sealed class ShardRegion : IActorRef
{
    private readonly Shard?[] _shards;
    private readonly IShardLocator _locator;
    private long _liveEntities;
    private long _passivatedTotal;
    private long _refusedTotal;

    public ShardRegion(
        ActorSystem system,
        string typeName,
        Func<EntityKey, Props> entityProps,
        ShardRegionSettings? settings = null,
        IShardLocator? locator = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentNullException.ThrowIfNull(entityProps);
        System = system;
        EntityProps = entityProps;
        Settings = settings ?? new ShardRegionSettings();
        Path = "/system/sharding/" + typeName;
        _locator = locator ?? LocalShardLocator.Instance;
        _shards = new Shard?[Settings.ShardCount];
    }

    public string Path { get; }

    public ShardRegionSettings Settings { get; }

    /// <summary>Entities currently live in this process (passivating ones excluded).</summary>
    public long LiveEntities => Interlocked.Read(ref _liveEntities);

    /// <summary>Entities passivated since start, by idle timeout or to make room.</summary>
    public long PassivatedTotal => Interlocked.Read(ref _passivatedTotal);

    /// <summary>Messages refused since start because the live-entity bound was reached.</summary>
    public long RefusedTotal => Interlocked.Read(ref _refusedTotal);

    internal ActorSystem System { get; }

    internal Func<EntityKey, Props> EntityProps { get; }

    public TellResult Tell(object message, IActorRef? sender = null) => Route(message).Tell(message, sender);

    public Task<TReply> Ask<TReply>(object message, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Route(message).Ask<TReply>(message, timeout, cancellationToken);

    public int ShardOf(IWithTenantKey message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ShardHash.ShardOf(message.TenantId, message.Key, Settings.ShardCount);
    }

    /// <summary>The in-process host of a shard, created on first use; what <see cref="LocalShardLocator"/> returns.</summary>
    public IActorRef LocalShard(int shardId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shardId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shardId, _shards.Length);
        var shard = Volatile.Read(ref _shards[shardId]);
        if (shard is not null)
        {
            return shard;
        }

        Interlocked.CompareExchange(ref _shards[shardId], new Shard(this, shardId), null);
        return _shards[shardId]!;
    }

    /// <summary>
    /// Takes a live-entity slot for a new entity of <paramref name="requester"/> (whose lock the caller holds).
    /// At the bound, passivates one idle entity and takes over its slot: of the requester's shard, else of any shard whose lock
    /// is free right now (never waiting for one, so two shards evicting for each other cannot deadlock).
    /// </summary>
    internal bool TryAcquireEntitySlot(Shard requester)
    {
        if (TryReserveSlot())
        {
            return true;
        }

        // An evicted entity's slot passes straight to the new one: released and reserved again, a concurrent
        // creator could take it in between and this creation would be refused with idle entities to spare.
        if (requester.TryEvictIdleLocked() || TryEvictElsewhere(requester))
        {
            Interlocked.Increment(ref _passivatedTotal);
            return true;
        }

        Interlocked.Increment(ref _refusedTotal);
        return false;
    }

    internal void OnEntityPassivated()
    {
        Interlocked.Decrement(ref _liveEntities);
        Interlocked.Increment(ref _passivatedTotal);
    }

    internal void ReleaseEntitySlot() => Interlocked.Decrement(ref _liveEntities);

    private IActorRef Route(object message)
    {
        if (message is not IWithTenantKey routed)
        {
            throw new ArgumentException(
                $"Shard region {Path} routes only {nameof(IWithTenantKey)} messages, not {message?.GetType().Name}.",
                nameof(message));
        }

        return _locator.Locate(this, ShardOf(routed));
    }

    private bool TryReserveSlot()
    {
        while (true)
        {
            var live = Interlocked.Read(ref _liveEntities);
            if (live >= Settings.MaxLiveEntities)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _liveEntities, live + 1, live) == live)
            {
                return true;
            }
        }
    }

    private bool TryEvictElsewhere(Shard requester)
    {
        foreach (var shard in _shards)
        {
            if (shard is not null && !ReferenceEquals(shard, requester) && shard.TryEvictIdle())
            {
                return true;
            }
        }

        return false;
    }
}
