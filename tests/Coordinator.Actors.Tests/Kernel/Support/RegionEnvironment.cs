using PairDb.Actors.Kernel;

namespace PairDb.Actors.Tests.Kernel.Support;

/// <summary>One test's system on manual time with a region of <see cref="KeyEntity"/> (idle timeout 30 s).</summary>
public sealed class RegionEnvironment : IAsyncDisposable
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    private int _instances;

    public RegionEnvironment(int maxLiveEntities = 1000, IShardLocator? locator = null)
    {
        System = new ActorSystem("test", Time);
        Start = Time.GetUtcNow();
        var settings = new ShardRegionSettings { MaxLiveEntities = maxLiveEntities, PassivateIdleAfter = IdleTimeout };
        Region = new ShardRegion(System, "kv", key => Props.Create(() => new KeyEntity(this, key)), settings, locator);
    }

    public ManualTimeProvider Time { get; } = new();

    public DateTimeOffset Start { get; }

    public ActorSystem System { get; }

    public ShardRegion Region { get; }

    public Probe Probe { get; } = new();

    public int Instances => Volatile.Read(ref _instances);

    /// <summary>When set, entity PostStop blocks until it is released (bounded), to hold a passivation open.</summary>
    public ManualResetEventSlim? PostStopGate { get; set; }

    public int NextInstance() => Interlocked.Increment(ref _instances);

    public async ValueTask DisposeAsync()
    {
        PostStopGate?.Set();
        await System.DisposeAsync().AsTask().WithinBound();
        PostStopGate?.Dispose();
    }
}
