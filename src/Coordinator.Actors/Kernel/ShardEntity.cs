namespace PairDb.Actors.Kernel;

/// <summary>A shard's record of one entity incarnation: its cell and its idle timer.</summary>
internal sealed class ShardEntity : ICellObserver
{
    private readonly Shard _shard;
    private ITimer? _idleTimer;

    public ShardEntity(Shard shard, EntityKey key)
    {
        _shard = shard;
        Key = key;
    }

    public EntityKey Key { get; }

    public ActorCell Cell { get; private set; } = null!;

    string ICellObserver.CellPath => _shard.Path + "/" + Key;

    /// <summary>False once passivated or stopped: the shard then routes the key to a new incarnation.</summary>
    public bool IsLive { get; private set; } = true;

    public void Start(ShardRegion region, Props props, Task? predecessor)
    {
        Cell = region.System.CreateCell(props, path: null, this);
        _idleTimer = region.System.TimeProvider.CreateTimer(
            static state => ((ShardEntity)state!).Cell.EnqueueSystem(ActorCell.IdleCheck),
            this,
            region.Settings.PassivateIdleAfter,
            Timeout.InfiniteTimeSpan);
        Cell.Start(predecessor);
    }

    public void ArmIdleTimer(TimeSpan due) => _idleTimer?.Change(due, Timeout.InfiniteTimeSpan);

    public void MarkGone()
    {
        IsLive = false;
        _idleTimer?.Dispose();
    }

    void ICellObserver.OnIdleCheck(ActorCell cell) => _shard.OnIdleCheck(this);

    void ICellObserver.OnStopped(ActorCell cell) => _shard.OnStopped(this);
}
