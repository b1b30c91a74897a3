using Npgsql;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Tests.Infrastructure;

namespace PairDb.Coordinator.Tests.Composition;

/// <summary>The production journal: the metadata store's PostgreSQL database (a scratch database of the test server).</summary>
public sealed class PostgresMigrationJournalTests : MigrationJournalContract
{
    private CoordinatorOptions _options = new();

    public override async Task InitializeAsync()
    {
        var database = new NpgsqlConnectionStringBuilder(await TestServers.CreateScratchDatabaseAsync());
        _options = new CoordinatorOptions
        {
            DatabaseHost = database.Host!,
            DatabasePort = database.Port,
            DatabaseName = database.Database!,
            DatabaseUser = database.Username!,
            DatabasePassword = database.Password ?? string.Empty,
        };
    }

    protected override CoordinatorOptions Options() => _options;
}
