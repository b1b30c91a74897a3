using PairDb.Actors.Kernel;

namespace PairDb.Actors.Tests.Kernel.Support;

/// <summary>A scriptable actor for kernel tests; reports lifecycle and piped results to a probe.</summary>
public sealed class TestActor : Actor
{
    private readonly TestActorEnvironment _environment;
    private readonly int _instance;
    private readonly List<int> _recorded = [];
    private readonly List<string> _ticks = [];
    private int _count;

    public TestActor(TestActorEnvironment environment)
    {
        _environment = environment;
        _instance = environment.NextInstance();
    }

    protected override void PreStart() => _environment.Probe.Post(new Started(_instance));

    protected override void PostStop() => _environment.Probe.Post(new Stopped(_instance));

    protected override async ValueTask ReceiveAsync(object message)
    {
        switch (message)
        {
            case Echo echo:
                Context.Sender.Tell(echo.Value);
                break;
            case RecordValue record:
                _recorded.Add(record.Value);
                break;
            case GetRecorded:
                Context.Sender.Tell(_recorded.ToArray());
                break;
            case Increment:
                Context.Sender.Tell(++_count);
                break;
            case Crash { AfterAwait: false }:
                throw new InvalidOperationException("boom");
            case Crash:
                await Task.Yield();
                throw new InvalidOperationException("boom after await");
            case Block block:
                _environment.Probe.Post(new Blocked(_instance));
                await block.Gate;
                Context.Sender.Tell("unblocked");
                break;
            case StartTimer { Periodic: false } timer:
                Context.Timers.StartSingleTimer(timer.Key, new Tick(timer.Key), timer.Delay);
                Context.Sender.Tell(Context.Timers.IsTimerActive(timer.Key));
                break;
            case StartTimer timer:
                Context.Timers.StartPeriodicTimer(timer.Key, new Tick(timer.Key), timer.Delay);
                Context.Sender.Tell(Context.Timers.IsTimerActive(timer.Key));
                break;
            case CancelTimer cancel:
                Context.Timers.Cancel(cancel.Key);
                Context.Sender.Tell(Context.Timers.IsTimerActive(cancel.Key));
                break;
            case Tick tick:
                _ticks.Add(tick.Key);
                break;
            case GetTicks:
                Context.Sender.Tell(_ticks.ToArray());
                break;
            case BlockThenCancel blockThenCancel:
                _environment.Probe.Post(new Blocked(_instance));
                await blockThenCancel.Gate;
                Context.Timers.Cancel(blockThenCancel.Key);
                break;
            case PipeWork pipe:
                Context.PipeToSelf(pipe.Work, static result => new WorkDone(result), static error => new WorkFailed(error.Message));
                Context.Sender.Tell("started");
                break;
            case WorkDone or WorkFailed:
                _environment.Probe.Post(message);
                break;
            case StopSelf:
                Context.Stop();
                break;
        }
    }
}
