using Akka.Actor;
using Akka.Persistence;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>Reads the events a persistence id has in the journal of a system (what a recovering actor would replay).</summary>
public static class JournalEvents
{
    public static async Task<IReadOnlyList<MigrationEvent>> ReadAsync(ActorSystem system, string journalPluginId, string persistenceId)
    {
        var done = new TaskCompletionSource<IReadOnlyList<MigrationEvent>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = system.ActorOf(Props.Create(() => new Reader(done)));
        Persistence.Instance.Apply(system).JournalFor(journalPluginId).Tell(new ReplayMessages(0, long.MaxValue, long.MaxValue, persistenceId, reader));
        return await done.Task.WaitAsync(Bounded.Limit);
    }

    private sealed class Reader : ReceiveActor
    {
        public Reader(TaskCompletionSource<IReadOnlyList<MigrationEvent>> done)
        {
            var events = new List<MigrationEvent>();
            Receive<ReplayedMessage>(replayed => events.Add((MigrationEvent)replayed.Persistent.Payload));
            Receive<RecoverySuccess>(_ =>
            {
                done.TrySetResult(events);
                Context.Stop(Self);
            });
            Receive<ReplayMessagesFailure>(failure =>
            {
                done.TrySetException(failure.Cause);
                Context.Stop(Self);
            });
        }
    }
}
