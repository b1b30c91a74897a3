using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using PairDb.Actors.Cores;
using PairDb.Actors.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Migration;

/// <summary>
/// The migration runner, one per cluster (a cluster singleton): decides start requests and runs the accepted
/// migration (<see cref="MigrationRun"/>), one at a time. Its progress (which migration is active, which of its tasks
/// finished) is event-sourced (<see cref="MigrationProgress"/>), so when the singleton moves to another coordinator
/// the new one recovers it from the journal and resumes the migration without copying finished tasks again. The
/// journal is emptied once a migration ended.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Design", "CA1001", Justification = "The run's token source is disposed when the run ends and in PostStop; actors have no Dispose hook.")]
public sealed class MigrationActor : UntypedPersistentActor, IWithTimers
{
    /// <summary>Events only, no snapshots: the journal is emptied after every migration, so replays stay short.</summary>
    private const string NoSnapshotStore = "akka.persistence.no-snapshot-store";

    /// <summary>How long a run waits for one of its tasks to be persisted.</summary>
    private static readonly TimeSpan JournalTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long after a failed look-up (or a run stopped by an error) the metadata store is asked again.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly MigrationServices _services;
    private readonly MigrationSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private MigrationProgress _progress = MigrationProgress.Idle;
    private CancellationTokenSource? _run;
    private string? _runningId;
    private bool _ready;
    private bool _deciding;

    private MigrationActor(MigrationServices services, MigrationSettings settings, string persistenceId, string journalPluginId)
    {
        _services = services;
        _settings = settings;
        PersistenceId = persistenceId;
        JournalPluginId = journalPluginId;
        SnapshotPluginId = NoSnapshotStore;
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <summary>Set by Akka before PreStart.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// The runner persisting under <paramref name="persistenceId"/> (one per cluster, whichever node runs it) in the
    /// journal plugin configured at <paramref name="journalPluginId"/>; it uses no other persistence plugin.
    /// </summary>
    public static Props Props(MigrationServices services, MigrationSettings settings, string persistenceId, string journalPluginId) =>
        ActorProps.Of(() => new MigrationActor(services, settings, persistenceId, journalPluginId));

    protected override void PostStop()
    {
        _run?.Cancel();
        _run?.Dispose();
        _run = null;
        base.PostStop();
    }

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case MigrationEvent recovered:
                _progress = _progress.Apply(recovered);
                break;
            case RecoveryCompleted:
                LookForActive();
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case StartMigration when !_ready:
                // Decided only once the store's active migration is reconciled with the journal's.
                Stash.Stash();
                break;
            case StartMigration start:
                OnStart(start);
                break;
            case BeginDecided decided:
                OnDecided(decided);
                break;
            case ActiveFound found:
                OnActiveFound(found.Migration);
                break;
            case LookUpActive:
                LookForActive();
                break;
            case LookUpFailed:
                Timers.StartSingleTimer(nameof(LookUpActive), LookUpActive.Instance, RetryDelay);
                break;
            case RecordTask record:
                var replyTo = Sender;
                Persist(new MigrationTaskCompleted(record.MigrationId, record.TaskId, record.Keys), completed =>
                {
                    _progress = _progress.Apply(completed);
                    replyTo.Tell(TaskRecorded.Instance, Self);
                });
                break;
            case RunEnded ended:
                OnRunEnded(ended);
                break;
            case DeleteMessagesSuccess:
                break;
            case DeleteMessagesFailure failure:
                // Harmless: the journal keeps a finished migration's events until the next one ends.
                _log.Warning(failure.Cause, "The events of a finished migration could not be deleted from the journal.");
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void LookForActive() => Context.PipeToSelf(
        _services.Metadata.ListMigrationsAsync(activeOnly: true, CancellationToken.None),
        static active => new ActiveFound(active.Count > 0 ? active[0] : null),
        static _ => new LookUpFailed());

    private void OnActiveFound(MigrationRecord? active)
    {
        if (_deciding || _runningId is not null)
        {
            // A decision in flight may be storing the very migration found; look again once it is settled.
            Timers.StartSingleTimer(nameof(LookUpActive), LookUpActive.Instance, RetryDelay);
            return;
        }

        switch (_progress.Reconcile(active))
        {
            case MigrationRecoveryStep.Resume:
                Run(active!);
                break;
            case MigrationRecoveryStep.Begin:
                Persist(new MigrationBegun(active!.Id), begun =>
                {
                    _progress = _progress.Apply(begun);
                    Run(active);
                });
                break;
            case MigrationRecoveryStep.Close:
                End(_progress.ActiveMigrationId!);
                break;
        }

        BecomeReady();
    }

    private void BecomeReady()
    {
        if (!_ready)
        {
            _ready = true;
            Stash.UnstashAll();
        }
    }

    private void OnStart(StartMigration start)
    {
        if (_deciding)
        {
            Sender.Tell(new MigrationRefused(MigrationRefusal.FailedPrecondition, "Another membership change is being decided; retry."), Self);
            return;
        }

        _deciding = true;
        var replyTo = Sender;
        Context.PipeToSelf(
            MigrationBegin.DecideAsync(start.Request, _services, _settings, CancellationToken.None),
            result => new BeginDecided(result.Reply, result.Run, replyTo),
            error => new BeginDecided(new MigrationRefused(MigrationRefusal.FailedPrecondition, "The change could not be recorded: " + error.Message), null, replyTo));
    }

    private void OnDecided(BeginDecided decided)
    {
        _deciding = false;
        if (decided.Run is not { } migration || _runningId is not null)
        {
            decided.ReplyTo.Tell(decided.Reply, Self);
            return;
        }

        // Accepted once its beginning is in the journal: from then on, wherever the singleton moves, it resumes it.
        Persist(new MigrationBegun(migration.Id), begun =>
        {
            _progress = _progress.Apply(begun);
            decided.ReplyTo.Tell(decided.Reply, Self);
            Run(migration);
        });
    }

    private void OnRunEnded(RunEnded ended)
    {
        if (!string.Equals(ended.MigrationId, _runningId, StringComparison.Ordinal))
        {
            return;
        }

        _run?.Dispose();
        _run = null;
        _runningId = null;
        if (ended.Error is null)
        {
            End(ended.MigrationId);
            return;
        }

        // The run stopped short of an outcome (the store or the journal failed under it): it is still active in the
        // store, and resumed from its completed tasks once the store answers again.
        _log.Warning("Migration {0} stopped before its end and is resumed in {1}: {2}", ended.MigrationId, RetryDelay, ended.Error);
        Timers.StartSingleTimer(nameof(LookUpActive), LookUpActive.Instance, RetryDelay);
    }

    private void End(string migrationId) => Persist(new MigrationEnded(migrationId), ended =>
    {
        _progress = _progress.Apply(ended);

        // Keeps the journal bounded: nothing before the end of a migration is needed again.
        DeleteMessages(LastSequenceNr);
    });

    private void Run(MigrationRecord migration)
    {
        _runningId = migration.Id;
        _run = new CancellationTokenSource();
        var self = Self;
        var id = migration.Id;
        var run = new MigrationRun(
            migration,
            _progress.CompletedTasks,
            (task, keys, cancellationToken) => self.Ask<TaskRecorded>(new RecordTask(id, task, keys), JournalTimeout, cancellationToken),
            _services,
            _settings);
        Context.PipeToSelf(
            run.RunAsync(_run.Token),
            _ => new RunEnded(id, null),
            error => new RunEnded(id, error.Message));
    }
}
