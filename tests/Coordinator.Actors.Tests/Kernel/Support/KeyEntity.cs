using PairDb.Actors.Kernel;

namespace PairDb.Actors.Tests.Kernel.Support;

/// <summary>A sharded test entity shaped like the key actor: busy while a piped write is in flight.</summary>
public sealed class KeyEntity : Actor
{
    private readonly RegionEnvironment _environment;
    private readonly EntityKey _key;
    private readonly int _instance;
    private bool _writing;

    public KeyEntity(RegionEnvironment environment, EntityKey key)
    {
        _environment = environment;
        _key = key;
        _instance = environment.NextInstance();
    }

    protected override bool CanPassivate => !_writing;

    protected override void PreStart() => _environment.Probe.Post(new Started(_instance));

    protected override void PostStop()
    {
        _environment.Probe.Post(new EntityStopped(_instance, _environment.Time.GetUtcNow()));
        _environment.PostStopGate?.Wait(Bounded.Limit);
    }

    protected override ValueTask ReceiveAsync(object message)
    {
        switch (message)
        {
            case Touch:
                Context.Sender.Tell(new EntityReply(_instance, _key));
                break;
            case BeginWrite write:
                _writing = true;
                Context.PipeToSelf(write.Write, static result => new WorkDone(result), static error => new WorkFailed(error.Message));
                Context.Sender.Tell("writing");
                break;
            case WorkDone done:
                _writing = false;
                _environment.Probe.Post(done);
                break;
            case StopEntity:
                Context.Stop();
                break;
        }

        return ValueTask.CompletedTask;
    }
}
