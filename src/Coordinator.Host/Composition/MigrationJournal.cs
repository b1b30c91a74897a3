using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Sql.Hosting;
using LinqToDB;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Stores;
using PairDb.Messages.Serialization;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// The Akka.Persistence journal of the migration singleton (Akka.Persistence.Sql): in the metadata store's PostgreSQL
/// database when the metadata is there, else in the SQLite file data_dir/migration-journal.db, with the protobuf
/// serializer of its events (and of the requests that reach it through the singleton proxy). Only the singleton
/// persists, and only events, so there is no snapshot store. The plugin creates its tables itself (auto-initialize):
/// their columns follow the plugin version, and our sql/ migrations keep to the tables our own code reads.
/// </summary>
internal static class MigrationJournal
{
    /// <summary>The journal file of the embedded default, in the coordinator's data directory.</summary>
    public const string SqliteFileName = "migration-journal.db";

    private static readonly Config NoSnapshotStore = ConfigurationFactory.ParseString("""
        akka.persistence.snapshot-store.plugin = "akka.persistence.no-snapshot-store"
        """);

    /// <summary>Registers the journal as the actor system's default one, and the serializer of what it stores.</summary>
    public static AkkaConfigurationBuilder WithMigrationJournal(this AkkaConfigurationBuilder builder, CoordinatorOptions options) =>
        (options.UsesEmbeddedMetadata
            ? builder.WithSqlPersistence(
                "Data Source=" + Path.GetFullPath(Path.Combine(options.DataDirectory, SqliteFileName)), ProviderName.SQLiteMS, PersistenceMode.Journal)
            : builder.WithSqlPersistence(StoreFactory.PostgresConnectionString(options), ProviderName.PostgreSQL15, PersistenceMode.Journal))
        .AddHocon(MigrationMessageSerializer.Config.WithFallback(NoSnapshotStore), HoconAddMode.Prepend);
}
