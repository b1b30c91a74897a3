using PairDb.Actors.Kernel;

namespace PairDb.Actors.Tests.Kernel.Support;

/// <summary>One test's system on manual time, the probe its actors report to, and how many instances were created.</summary>
public sealed class TestActorEnvironment : IAsyncDisposable
{
    private int _instances;

    public TestActorEnvironment()
    {
        System = new ActorSystem("test", Time);
    }

    public ManualTimeProvider Time { get; } = new();

    public ActorSystem System { get; }

    public Probe Probe { get; } = new();

    public int Instances => Volatile.Read(ref _instances);

    public Props Props => Props.Create(() => new TestActor(this));

    public IActorRef Spawn(Props? props = null) => System.ActorOf(props ?? Props, "subject");

    public int NextInstance() => Interlocked.Increment(ref _instances);

    public async ValueTask DisposeAsync() => await System.DisposeAsync().AsTask().WithinBound();
}
