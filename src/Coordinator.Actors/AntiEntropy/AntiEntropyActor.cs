using Akka.Actor;
using Akka.Event;
using PairDb.Actors.Support;

namespace PairDb.Actors.AntiEntropy;

/// <summary>
/// The anti-entropy scheduler, one per cluster (a cluster singleton): a thin shell that runs
/// <see cref="RepairScheduler"/> one step at a time, waits between steps with a timer (the rate bound), and cancels the
/// running step when it stops (the singleton moving away). A step that fails (the metadata store is unreachable) is
/// logged and retried after the recheck interval.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Design", "CA1001", Justification = "The token source is disposed in PostStop; actors have no Dispose hook.")]
public sealed class AntiEntropyActor : ReceiveActor, IWithTimers
{
    private readonly RepairScheduler _scheduler;
    private readonly AntiEntropySettings _settings;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private AntiEntropyActor(AntiEntropyServices services, AntiEntropySettings settings)
    {
        _scheduler = new RepairScheduler(services, settings);
        _settings = settings;
        Receive<Step>(_ => RunStep());
        Receive<StepDone>(done => Timers.StartSingleTimer(nameof(Step), Step.Instance, done.Wait));
        Receive<StepFailed>(failed =>
        {
            _log.Warning(failed.Cause, "An anti-entropy step failed; retrying in {0}.", _settings.RecheckInterval);
            Timers.StartSingleTimer(nameof(Step), Step.Instance, _settings.RecheckInterval);
        });
    }

    /// <summary>Set by Akka before PreStart.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(AntiEntropyServices services, AntiEntropySettings settings) =>
        ActorProps.Of(() => new AntiEntropyActor(services, settings));

    protected override void PreStart() => Self.Tell(Step.Instance);

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        base.PostStop();
    }

    private void RunStep() => Context.PipeToSelf(
        _scheduler.StepAsync(_stopping.Token),
        static wait => new StepDone(wait),
        static cause => new StepFailed(cause));

    private sealed class Step
    {
        public static readonly Step Instance = new();
    }

    private sealed record StepDone(TimeSpan Wait);

    private sealed record StepFailed(Exception Cause);
}
