using FluentAssertions;
using PairDb.Coordinator.Composition;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Tests.Stores;

namespace PairDb.Coordinator.Tests.Composition;

/// <summary>The journal of the embedded default: a SQLite file in the coordinator's data directory.</summary>
public sealed class SqliteMigrationJournalTests : MigrationJournalContract
{
    private readonly TestDirectory _directory = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Persist_Embedded_WritesTheJournalFileInTheDataDirectory()
    {
        await PersistOneAsync();

        File.Exists(Path.Combine(_directory.Path, MigrationJournal.SqliteFileName)).Should().BeTrue();
    }

    protected override CoordinatorOptions Options() => new() { DataDirectory = _directory.Path };
}
