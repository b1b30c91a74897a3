using System.Globalization;
using Npgsql;

namespace PairDb.Coordinator.Stores.Postgres;

/// <summary>
/// Applies the embedded sql/NNN_*.sql migrations in version order, each in its own transaction and recorded in
/// schema_migrations. A session-level advisory lock makes coordinators that start together take turns, so each
/// version is applied exactly once and a later starter sees it recorded.
/// </summary>
public static class PostgresMigrator
{
    /// <summary>The advisory lock key of schema migration (any constant shared by every coordinator; "PAIRDBSQ").</summary>
    public const long AdvisoryLockKey = 0x5041_4952_4442_5351;

    private const string ResourcePrefix = "sql/";

    /// <summary>The embedded migrations as (version, resource name), ordered by version.</summary>
    public static IReadOnlyList<(int Version, string Resource)> Embedded { get; } = FindEmbedded();

    /// <summary>Applies every missing migration; returns the versions this call applied.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(time);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey});", cancellationToken);
        try
        {
            await ExecuteAsync(
                connection,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL);",
                cancellationToken);
            var applied = await AppliedVersionsAsync(connection, cancellationToken);
            var newest = Embedded.Count == 0 ? 0 : Embedded[^1].Version;
            if (applied.Count > 0 && applied.Max > newest)
            {
                throw new InvalidOperationException(
                    $"The metadata database has schema version {applied.Max}; this coordinator knows up to {newest}. Upgrade the coordinator.");
            }

            var done = new List<int>();
            foreach (var (version, resource) in Embedded)
            {
                if (applied.Contains(version))
                {
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var migrate = new NpgsqlCommand(ReadResource(resource), connection, transaction))
                {
                    await migrate.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2);", connection, transaction))
                {
                    record.Parameters.AddWithValue(version);
                    record.Parameters.AddWithValue(time.GetUtcNow().UtcDateTime);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                done.Add(version);
            }

            return done;
        }
        finally
        {
            // Unlocked explicitly: a pooled connection would otherwise keep the session lock after it is returned.
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey});", CancellationToken.None);
        }
    }

    private static async Task<SortedSet<int>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations;", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new SortedSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ReadResource(string resource)
    {
        using var stream = typeof(PostgresMigrator).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded migration {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>sql/NNN_name.sql resources: the leading number is the version, which must be unique.</summary>
    private static List<(int Version, string Resource)> FindEmbedded()
    {
        var found = new List<(int Version, string Resource)>();
        foreach (var name in typeof(PostgresMigrator).Assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var file = name[ResourcePrefix.Length..];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(file.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"The migration {name} is not named NNN_description.sql.");
            }

            found.Add((version, name));
        }

        found.Sort(static (a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < found.Count; i++)
        {
            if (found[i].Version == found[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations share version {found[i].Version}: {found[i - 1].Resource} and {found[i].Resource}.");
            }
        }

        return found;
    }
}
