using Npgsql;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Security;
using PairDb.Coordinator.Stores.Embedded;
using PairDb.Coordinator.Stores.Postgres;
using PairDb.Coordinator.Stores.Redis;
using PairDb.Coordinator.Stores.Sqlite;
using PairDb.Coordinator.Tenants;
using StackExchange.Redis;

namespace PairDb.Coordinator.Stores;

/// <summary>
/// Chooses the stores from configuration: PostgreSQL when database.host is set, else embedded SQLite; Redis when
/// redis.host is set, else the embedded idempotency store. Each choice is independent of the other, except that a
/// coordinator with cluster seeds is refused either embedded store before anything opens.
/// </summary>
public static class StoreFactory
{
    /// <summary>Wait before the first Redis reconnect attempt; each further one waits longer, up to redis.reconnect_max_backoff_ms.</summary>
    public static readonly TimeSpan RedisFirstReconnectDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Seconds of silence after which the Redis connection is pinged, so a dropped connection is noticed without traffic.</summary>
    public const int RedisKeepAliveSeconds = 15;

    /// <summary>Opens and initialises the chosen stores; on failure closes what it had opened and rethrows.</summary>
    public static async Task<CoordinatorStores> OpenAsync(CoordinatorOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        options.RequireSharedStoresForCluster();
        var owned = new List<IAsyncDisposable>();
        try
        {
            Actors.Ports.IMetadataStore metadata;
            ITenantChangeFeed changes;
            ICredentialStore credentials;
            ITokenChangeFeed tokenChanges;
            if (!options.UsesEmbeddedMetadata)
            {
                var connectionString = PostgresConnectionString(options);
                var postgres = new PostgresMetadataStore(connectionString);
                owned.Add(postgres);
                await postgres.InitializeAsync(cancellationToken);
                var listener = await PostgresTenantChangeListener.StartAsync(
                    connectionString, logger: loggers.CreateLogger("PairDb.TenantChanges"), cancellationToken: cancellationToken);
                owned.Add(listener);
                (metadata, changes, credentials, tokenChanges) = (postgres, listener, postgres, listener.Tokens);
            }
            else
            {
                var sqlite = new SqliteMetadataStore(options.DataDirectory);
                owned.Add(sqlite);
                await sqlite.InitializeAsync(cancellationToken);
                (metadata, changes, credentials, tokenChanges) = (sqlite, sqlite.Changes, sqlite, sqlite.TokenChanges);
            }

            var idempotencyOptions = new IdempotencyStoreOptions { Retention = options.IdempotencyRetention };
            Actors.Ports.IIdempotencyStore idempotency;
            if (!options.UsesEmbeddedIdempotency)
            {
                var redis = await RedisIdempotencyStore.ConnectAsync(
                    RedisConfiguration(options), idempotencyOptions, options.RedisKeyPrefix, loggers.CreateLogger("PairDb.Idempotency"));
                owned.Add(redis);
                idempotency = redis;
            }
            else
            {
                var embedded = SqliteIdempotencyStore.Open(options.DataDirectory, idempotencyOptions, TimeProvider.System, loggers.CreateLogger("PairDb.Idempotency"));
                owned.Add(embedded);
                idempotency = embedded;
            }

            return new CoordinatorStores(metadata, idempotency, changes, owned) { Credentials = credentials, TokenChanges = tokenChanges };
        }
        catch
        {
            for (var i = owned.Count - 1; i >= 0; i--)
            {
                await owned[i].DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>The Npgsql connection string of the configured database.</summary>
    public static string PostgresConnectionString(CoordinatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = options.DatabaseHost,
            Port = options.DatabasePort,
            Database = options.DatabaseName,
            Username = options.DatabaseUser,
            MaxPoolSize = options.DatabaseMaxPoolSize,
            MinPoolSize = options.DatabaseMinPoolSize,
            ConnectionLifetime = (int)Math.Ceiling(options.DatabaseConnectionLifetime.TotalSeconds),
        };
        if (options.DatabasePassword.Length > 0)
        {
            builder.Password = options.DatabasePassword;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The Redis connection of the configured server. It survives Redis being down at start or going away later: the
    /// start does not fail (AbortOnConnectFail off), reconnects back off exponentially up to the configured maximum and
    /// never stop, commands issued while disconnected wait in the backlog up to the async timeout instead of failing at
    /// once, and a keep-alive finds a silently dropped connection.
    /// </summary>
    public static ConfigurationOptions RedisConfiguration(CoordinatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            ConnectRetry = options.RedisConnectRetries,
            ConnectTimeout = WholeMilliseconds(options.RedisConnectTimeout),
            SyncTimeout = WholeMilliseconds(options.RedisSyncTimeout),
            AsyncTimeout = WholeMilliseconds(options.RedisAsyncTimeout),
            DefaultDatabase = options.RedisDatabase,
            ReconnectRetryPolicy = new ExponentialRetry(
                (int)Math.Min(RedisFirstReconnectDelay.TotalMilliseconds, options.RedisReconnectMaxBackoff.TotalMilliseconds),
                WholeMilliseconds(options.RedisReconnectMaxBackoff)),
            BacklogPolicy = BacklogPolicy.Default,
            KeepAlive = RedisKeepAliveSeconds,
            ClientName = "pairdb-coordinator",
        };
        configuration.EndPoints.Add(options.RedisHost, options.RedisPort);
        if (options.RedisPassword.Length > 0)
        {
            configuration.Password = options.RedisPassword;
        }

        return configuration;
    }

    private static int WholeMilliseconds(TimeSpan duration) => (int)Math.Min(int.MaxValue, Math.Ceiling(duration.TotalMilliseconds));
}
