using Akka.Actor;
using PairDb.Messages.Values;

namespace PairDb.Actors.Migration;

/// <summary>A start request was decided.</summary>
internal sealed record BeginDecided(object Reply, MigrationRecord? Run, IActorRef ReplyTo);

/// <summary>The metadata store's active migration (or null), to reconcile with the journal's.</summary>
internal sealed record ActiveFound(MigrationRecord? Migration);

/// <summary>The metadata store did not answer which migration is active; asked again after a delay.</summary>
internal sealed record LookUpFailed;

/// <summary>Timer: ask the metadata store again which migration is active.</summary>
internal sealed record LookUpActive
{
    public static LookUpActive Instance { get; } = new();
}

/// <summary>Ask from a run: persist that one of its tasks finished; replies <see cref="TaskRecorded"/> once it is.</summary>
internal sealed record RecordTask(string MigrationId, string TaskId, long Keys);

/// <summary>The task is in the journal.</summary>
internal sealed record TaskRecorded
{
    public static TaskRecorded Instance { get; } = new();
}

/// <summary>A run ended: with an outcome (completed or failed, <paramref name="Error"/> null), or stopped short by an error.</summary>
internal sealed record RunEnded(string MigrationId, string? Error);
