using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PairDb.Coordinator.Composition;
using PairDb.Coordinator.Configuration;
using PairDb.Messages.Protocols;

namespace PairDb.Coordinator.Tests.Composition;

/// <summary>
/// The migration singleton's journal as a coordinator registers it (<see cref="MigrationJournal"/>: Akka.Persistence.Sql
/// with the protobuf event serializer), on a real database: events persisted by one actor system are replayed by the
/// next one, as when the singleton moves, and deleting them leaves nothing to replay.
/// </summary>
public abstract class MigrationJournalContract : IAsyncLifetime
{
    private const string PersistenceId = "migration-runner";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly List<IHost> _hosts = [];

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    [Fact]
    public async Task Persist_ThenRecoverInANewActorSystem_ReplaysTheEventsInOrder()
    {
        MigrationEvent[] events = [new MigrationBegun("mig-1"), new MigrationTaskCompleted("mig-1", "acme/1/2/n4", 17), new MigrationTaskCompleted("mig-1", "acme/2/3/n4", 0)];
        var first = await StartSystemAsync();
        await first.Ask<Written>(new Write(events, DeleteAfter: false), Bound);
        await StopFirstAsync();

        var replayed = await (await StartSystemAsync()).Ask<Replayed>(new Replay(), Bound);

        replayed.Events.Should().Equal(events);
    }

    [Fact]
    public async Task DeleteMessages_AfterTheEnd_LeavesNothingToReplayAndKeepsNumbering()
    {
        var first = await StartSystemAsync();
        await first.Ask<Written>(new Write([new MigrationBegun("mig-1"), new MigrationEnded("mig-1")], DeleteAfter: true), Bound);
        await StopFirstAsync();
        var second = await StartSystemAsync();

        var replayed = await second.Ask<Replayed>(new Replay(), Bound);
        var written = await second.Ask<Written>(new Write([new MigrationBegun("mig-2")], DeleteAfter: false), Bound);

        replayed.Events.Should().BeEmpty();
        written.LastSequenceNr.Should().Be(3, "a new event follows the deleted ones, it does not reuse their numbers");
    }

    /// <summary>Persists one event through a fresh actor system.</summary>
    protected async Task PersistOneAsync() =>
        await (await StartSystemAsync()).Ask<Written>(new Write([new MigrationBegun("mig-0")], DeleteAfter: false), Bound);

    /// <summary>The options of a coordinator whose journal this contract checks.</summary>
    protected abstract CoordinatorOptions Options();

    private async Task<IActorRef> StartSystemAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAkka("journal-" + _hosts.Count, akka => akka.WithMigrationJournal(Options()));
        var host = builder.Build();
        await host.StartAsync();
        _hosts.Add(host);
        var system = host.Services.GetRequiredService<ActorSystem>();
        return system.ActorOf(Props.Create(() => new JournalProbe(PersistenceId)));
    }

    private async Task StopFirstAsync()
    {
        var host = _hosts[0];
        await host.StopAsync();
        host.Dispose();
        _hosts.RemoveAt(0);
    }

    private sealed record Write(IReadOnlyList<MigrationEvent> Events, bool DeleteAfter);

    private sealed record Written(long LastSequenceNr);

    private sealed record Replay;

    private sealed record Replayed(IReadOnlyList<MigrationEvent> Events);

    /// <summary>Persists what it is told to, and answers with what it recovered.</summary>
    private sealed class JournalProbe : ReceivePersistentActor
    {
        private readonly List<MigrationEvent> _recovered = [];

        public JournalProbe(string persistenceId)
        {
            PersistenceId = persistenceId;
            JournalPluginId = MigrationJournal.PluginId;
            SnapshotPluginId = "akka.persistence.no-snapshot-store";
            Recover<MigrationEvent>(_recovered.Add);
            Command<Replay>(_ => Sender.Tell(new Replayed(_recovered)));
            Command<Write>(write =>
            {
                var replyTo = Sender;
                PersistAll(write.Events, _ => { });
                DeferAsync(write, done =>
                {
                    if (done.DeleteAfter)
                    {
                        DeleteMessages(LastSequenceNr);
                        Become(() => Command<DeleteMessagesSuccess>(_ => replyTo.Tell(new Written(LastSequenceNr))));
                    }
                    else
                    {
                        replyTo.Tell(new Written(LastSequenceNr));
                    }
                });
            });
        }

        public override string PersistenceId { get; }
    }
}
