using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Cores;

public sealed class MigrationProgressTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_BegunThenTasks_HoldsTheActiveMigrationAndItsCompletedTasks()
    {
        var progress = Replay(new MigrationBegun("m1"), new MigrationTaskCompleted("m1", "a", 10), new MigrationTaskCompleted("m1", "b", 0));

        progress.ActiveMigrationId.Should().Be("m1");
        progress.CompletedTasks.Should().BeEquivalentTo(new Dictionary<string, long> { ["a"] = 10, ["b"] = 0 });
    }

    [Fact]
    public void Apply_TaskCompletedTwice_KeepsTheFirstCount()
    {
        var progress = Replay(new MigrationBegun("m1"), new MigrationTaskCompleted("m1", "a", 10), new MigrationTaskCompleted("m1", "a", 99));

        progress.CompletedTasks.Should().ContainSingle().Which.Value.Should().Be(10);
    }

    [Fact]
    public void Apply_EndedThenBegun_StartsTheNextMigrationWithNoTaskDone()
    {
        var progress = Replay(
            new MigrationBegun("m1"), new MigrationTaskCompleted("m1", "a", 10), new MigrationEnded("m1"), new MigrationBegun("m2"));

        progress.ActiveMigrationId.Should().Be("m2");
        progress.CompletedTasks.Should().BeEmpty();
    }

    [Fact]
    public void Apply_EventsOfAnotherMigration_ChangeNothing()
    {
        var begun = Replay(new MigrationBegun("m1"), new MigrationTaskCompleted("m1", "a", 10));

        var after = Replay([new MigrationTaskCompleted("m0", "b", 5), new MigrationEnded("m0")], begun);

        after.Should().Be(begun);
    }

    [Fact]
    public void Apply_Ended_IsIdle()
    {
        Replay(new MigrationBegun("m1"), new MigrationTaskCompleted("m1", "a", 10), new MigrationEnded("m1")).Should().Be(MigrationProgress.Idle);
    }

    [Theory]
    [InlineData(null, null, MigrationRecoveryStep.None)]
    [InlineData("m1", "m1", MigrationRecoveryStep.Resume)]
    [InlineData(null, "m1", MigrationRecoveryStep.Begin)]
    [InlineData("m0", "m1", MigrationRecoveryStep.Begin)]
    [InlineData("m1", null, MigrationRecoveryStep.Close)]
    public void Reconcile_JournalAgainstTheStore_SaysWhatToDo(string? journal, string? store, MigrationRecoveryStep expected)
    {
        var progress = journal is null ? MigrationProgress.Idle : Replay(new MigrationBegun(journal));

        progress.Reconcile(store is null ? null : Record(store)).Should().Be(expected);
    }

    private static MigrationProgress Replay(params MigrationEvent[] events) => Replay(events, MigrationProgress.Idle);

    private static MigrationProgress Replay(IEnumerable<MigrationEvent> events, MigrationProgress from) =>
        events.Aggregate(from, static (progress, e) => progress.Apply(e));

    private static MigrationRecord Record(string id) =>
        new(id, MigrationType.AddNode, "n4", string.Empty, 0, 0, MigrationStatus.InProgress, MigrationPhase.Streaming, 0, 0, T0, T0, null, null, null, null);
}
