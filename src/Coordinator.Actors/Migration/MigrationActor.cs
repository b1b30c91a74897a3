using Akka.Actor;
using PairDb.Actors.Support;
using PairDb.Messages.Values;

namespace PairDb.Actors.Migration;

/// <summary>
/// Runs membership and replication-factor migrations on this coordinator, one at a time: decides start requests,
/// runs the accepted migration (<see cref="MigrationRun"/>) while renewing its lease in the metadata store, and at
/// start and on every lease tick takes over an active migration whose owner stopped renewing (a restarted or dead
/// coordinator), so a migration resumes from its last checkpoint.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Design", "CA1001", Justification = "The run's token source is disposed when the run ends and in PostStop; actors have no Dispose hook.")]
public sealed class MigrationActor : UntypedActor, IWithTimers
{
    private readonly MigrationServices _services;
    private readonly MigrationSettings _settings;
    private CancellationTokenSource? _run;
    private string? _runningId;
    private MigrationRecord? _orphanWhileDeciding;
    private bool _deciding;
    private bool _leasing;

    /// <summary>Set by Akka before PreStart.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    private MigrationActor(MigrationServices services, MigrationSettings settings)
    {
        _services = services;
        _settings = settings;
    }

    public static Props Props(MigrationServices services, MigrationSettings settings) =>
        ActorProps.Of(() => new MigrationActor(services, settings));

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("lease", new LeaseTick(), _settings.LeaseDuration / 3);
        Self.Tell(new LeaseTick(), Self);
    }

    protected override void PostStop()
    {
        _run?.Cancel();
        _run?.Dispose();
        _run = null;
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case StartMigration start:
                OnStart(start);
                break;
            case BeginDecided decided:
                _deciding = false;
                decided.ReplyTo.Tell(decided.Reply, Self);
                var next = decided.Run ?? _orphanWhileDeciding;
                _orphanWhileDeciding = null;
                if (next is not null && _runningId is null)
                {
                    Run(next);
                }

                break;
            case LeaseTick:
                OnLeaseTick();
                break;
            case LeaseRenewed renewed:
                _leasing = false;
                if (!renewed.Held)
                {
                    // Another coordinator holds it now (this one stalled past the lease): stop, it resumes there.
                    _run?.Cancel();
                }

                break;
            case OrphanFound orphan:
                _leasing = false;
                if (orphan.Migration is not null && _runningId is null)
                {
                    if (_deciding)
                    {
                        // It may be the very migration the pending decision just stored (its owner is this coordinator):
                        // the decision runs it, so it runs once; were it another one, the decision refuses and runs this.
                        _orphanWhileDeciding = orphan.Migration;
                    }
                    else
                    {
                        Run(orphan.Migration);
                    }
                }

                break;
            case RunEnded ended:
                if (string.Equals(ended.MigrationId, _runningId, StringComparison.Ordinal))
                {
                    _run?.Dispose();
                    _run = null;
                    _runningId = null;
                }

                break;
            default:
                throw new InvalidOperationException($"Migration actor got an unexpected {message.GetType().Name}.");
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

    private void OnLeaseTick()
    {
        if (_leasing)
        {
            return;
        }

        _leasing = true;
        if (_runningId is { } id)
        {
            var now = _services.Time.GetUtcNow();
            Context.PipeToSelf(
                _services.Metadata.TryLeaseMigrationAsync(id, _services.Owner, now, now + _settings.LeaseDuration, CancellationToken.None),
                static held => new LeaseRenewed(held),
                static _ => new LeaseRenewed(true));
            return;
        }

        Context.PipeToSelf(FindOrphanAsync(), static found => new OrphanFound(found), static _ => new OrphanFound(null));
    }

    /// <summary>An active migration whose lease this coordinator could take (its own after a restart, or an expired one).</summary>
    private async Task<MigrationRecord?> FindOrphanAsync()
    {
        var now = _services.Time.GetUtcNow();
        foreach (var migration in await _services.Metadata.ListMigrationsAsync(activeOnly: true, CancellationToken.None))
        {
            if (await _services.Metadata.TryLeaseMigrationAsync(migration.Id, _services.Owner, now, now + _settings.LeaseDuration, CancellationToken.None))
            {
                return migration;
            }
        }

        return null;
    }

    private void Run(MigrationRecord migration)
    {
        _runningId = migration.Id;
        _run = new CancellationTokenSource();
        var run = new MigrationRun(migration, _services, _settings);
        var id = migration.Id;
        Context.PipeToSelf(
            run.RunAsync(_run.Token),
            _ => new RunEnded(id, null),
            error => new RunEnded(id, error.Message));
    }
}
