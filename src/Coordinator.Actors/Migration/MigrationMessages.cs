using PairDb.Messages.Values;

namespace PairDb.Actors.Migration;

/// <summary>Ask: start a migration; replies <see cref="MigrationAccepted"/> or <see cref="MigrationRefused"/>.</summary>
public sealed record StartMigration(MigrationRequest Request);

/// <summary>
/// The change was accepted. <paramref name="Migration"/> is null when no data had to move (a forced removal, or a
/// factor set to its current value); <paramref name="Message"/> says what happens next.
/// </summary>
public sealed record MigrationAccepted(MigrationRecord? Migration, string Message);

/// <summary>The change was refused; nothing was changed.</summary>
public sealed record MigrationRefused(MigrationRefusal Reason, string Message);

/// <summary>Why a change was refused (the edge maps each to a gRPC status).</summary>
public enum MigrationRefusal
{
    NotFound,
    AlreadyExists,
    FailedPrecondition,
}

/// <summary>Timer tick: renew the lease of the running migration, or look for an orphaned one to take over.</summary>
internal sealed record LeaseTick;

/// <summary>Outcome of a lease renewal.</summary>
internal sealed record LeaseRenewed(bool Held);

/// <summary>An active migration nobody holds (or null): this coordinator now runs it.</summary>
internal sealed record OrphanFound(MigrationRecord? Migration);

/// <summary>A start request was decided.</summary>
internal sealed record BeginDecided(object Reply, MigrationRecord? Run, Akka.Actor.IActorRef ReplyTo);

/// <summary>A run ended (completed, failed, or stopped because the lease was lost).</summary>
internal sealed record RunEnded(string MigrationId, string? Error);
