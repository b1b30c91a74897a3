using PairDb.Messages.Protocols;

namespace PairDb.Actors.Kernel;

/// <summary>
/// In-process host of one shard's entities. Every delivery, creation and passivation decision of its
/// entities happens under its lock, which is what makes passivation lose no message.
/// </summary>
internal sealed class Shard : IActorRef
{
    private readonly Lock _lock = new();
    private readonly Dictionary<EntityKey, ShardEntity> _entities = [];
    private readonly ShardRegion _region;

    public Shard(ShardRegion region, int shardId)
    {
        _region = region;
        Path = region.Path + "/" + shardId;
    }

    public string Path { get; }

    public TellResult Tell(object message, IActorRef? sender = null)
    {
        var key = KeyOf(message);
        lock (_lock)
        {
            var entity = GetOrCreateLocked(key);
            return entity is null ? TellResult.RegionFull : entity.Cell.Tell(message, sender);
        }
    }

    public Task<TReply> Ask<TReply>(object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var key = KeyOf(message);
        lock (_lock)
        {
            var entity = GetOrCreateLocked(key);
            return entity is null
                ? Task.FromException<TReply>(new RegionFullException(_region.Path, _region.Settings.MaxLiveEntities))
                : entity.Cell.Ask<TReply>(message, timeout, cancellationToken);
        }
    }

    /// <summary>Eviction on behalf of another shard: skipped, not awaited, when this shard is busy.</summary>
    public bool TryEvictIdle()
    {
        if (!_lock.TryEnter())
        {
            return false;
        }

        try
        {
            return TryEvictIdleLocked();
        }
        finally
        {
            _lock.Exit();
        }
    }

    /// <summary>
    /// Passivates the first entity that is between messages, has an empty mailbox and can passivate. Its live
    /// slot is not released: the caller hands it to the entity it is making room for.
    /// </summary>
    public bool TryEvictIdleLocked()
    {
        foreach (var entity in _entities.Values)
        {
            if (entity.IsLive && entity.Cell.TryPassivateIdle())
            {
                entity.MarkGone();
                return true;
            }
        }

        return false;
    }

    /// <summary>On the entity's loop: passivate if idle long enough and not busy, else look again later.</summary>
    public void OnIdleCheck(ShardEntity entity)
    {
        lock (_lock)
        {
            if (!entity.IsLive)
            {
                return;
            }

            var timeout = _region.Settings.PassivateIdleAfter;
            var idle = _region.System.TimeProvider.GetUtcNow() - entity.Cell.LastActivity;
            if (idle < timeout)
            {
                entity.ArmIdleTimer(timeout - idle);
            }
            else if (entity.Cell.TryPassivateFromLoop())
            {
                MarkPassivatedLocked(entity);
            }
            else
            {
                // Busy (a write in flight) or a message just arrived: a full timeout before asking again.
                entity.ArmIdleTimer(timeout);
            }
        }
    }

    /// <summary>On the entity's loop, after its last PostStop.</summary>
    public void OnStopped(ShardEntity entity)
    {
        lock (_lock)
        {
            if (entity.IsLive)
            {
                // Stopped by itself (Context.Stop, restart limit, system stop) rather than passivated.
                entity.MarkGone();
                _region.ReleaseEntitySlot();
            }

            if (_entities.TryGetValue(entity.Key, out var current) && ReferenceEquals(current, entity))
            {
                _entities.Remove(entity.Key);
            }
        }
    }

    private static EntityKey KeyOf(object message) =>
        message is IWithTenantKey routed
            ? new EntityKey(routed.TenantId, routed.Key)
            : throw new ArgumentException($"Shards route only {nameof(IWithTenantKey)} messages.", nameof(message));

    private ShardEntity? GetOrCreateLocked(EntityKey key)
    {
        _entities.TryGetValue(key, out var existing);
        if (existing is { IsLive: true })
        {
            return existing;
        }

        if (!_region.TryAcquireEntitySlot(this))
        {
            return null;
        }

        Props props;
        try
        {
            props = _region.EntityProps(key);
        }
        catch
        {
            _region.ReleaseEntitySlot();
            throw;
        }

        // A passivated predecessor may still be running PostStop. The successor buffers messages in its own
        // bounded mailbox and starts after it (as Akka's sharding buffers during passivation), so two
        // incarnations of one entity never run at once and nothing that arrives meanwhile is lost.
        var entity = new ShardEntity(this, key);
        _entities[key] = entity;
        entity.Start(_region, props, existing?.Cell.Completion);
        return entity;
    }

    private void MarkPassivatedLocked(ShardEntity entity)
    {
        entity.MarkGone();
        _region.OnEntityPassivated();
    }
}
