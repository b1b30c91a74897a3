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
/// persists (the journal is not the actor system's default one, so no other persistent actor writes to it), and only
/// events, so there is no snapshot store. The plugin creates its tables itself (auto-initialize):
/// their columns follow the plugin version, and our sql/ migrations keep to the tables our own code reads.
/// </summary>
internal static class MigrationJournal
{
    /// <summary>The journal file of the embedded default, in the coordinator's data directory.</summary>
    public const string SqliteFileName = "migration-journal.db";

    /// <summary>The journal's configuration path: what the migration singleton names as its journal plugin.</summary>
    public const string PluginId = "akka.persistence.journal." + PluginName;

    private const string PluginName = "migration";

    /// <summary>Registers the journal under <see cref="PluginId"/>, and the serializer of what it stores.</summary>
    public static AkkaConfigurationBuilder WithMigrationJournal(this AkkaConfigurationBuilder builder, CoordinatorOptions options) =>
        (options.UsesEmbeddedMetadata
            ? builder.WithSqlPersistence(
                "Data Source=" + Path.GetFullPath(Path.Combine(options.DataDirectory, SqliteFileName)), ProviderName.SQLiteMS, PersistenceMode.Journal, pluginIdentifier: PluginName, isDefaultPlugin: false)
            : builder.WithSqlPersistence(StoreFactory.PostgresConnectionString(options), ProviderName.PostgreSQL15, PersistenceMode.Journal, pluginIdentifier: PluginName, isDefaultPlugin: false))
        .AddHocon(MigrationMessageSerializer.Config, HoconAddMode.Prepend);
}
