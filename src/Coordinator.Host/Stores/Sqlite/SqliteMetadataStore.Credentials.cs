using Microsoft.Data.Sqlite;
using PairDb.Coordinator.Security;
using PairDb.Coordinator.Tenants;

namespace PairDb.Coordinator.Stores.Sqlite;

/// <summary>Tenant tokens and audit records in metadata.db; token changes are announced in process after each commit.</summary>
public sealed partial class SqliteMetadataStore : ICredentialStore
{
    private const string TokenColumns = "token_id, tenant_id, created_at, revoked_at, salt, secret_hash";
    private const string AuditColumns = "id, at, caller, method, target, status";

    private readonly TenantChangeBroadcaster _tokenChanges = new();

    /// <summary>Ids of tokens created or revoked through this store, announced after each commit.</summary>
    public ITokenChangeFeed TokenChanges => _tokenChanges;

    public async Task<TokenCreation> CreateTokenAsync(StoredToken token, int maxActivePerTenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxActivePerTenant, 1);
        TokenCreation outcome;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // The gate serialises every write of this file, so the checks and the insert cannot interleave with another.
            var connection = Open();
            using var check = connection.CreateCommand();
            check.CommandText = """
                SELECT EXISTS (SELECT 1 FROM tenants WHERE tenant_id = $tenant),
                       (SELECT COUNT(*) FROM tenant_tokens WHERE tenant_id = $tenant AND revoked_at IS NULL);
                """;
            check.Parameters.AddWithValue("$tenant", token.Token.TenantId);
            using (var reader = await check.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                outcome = reader.GetInt64(0) == 0 ? TokenCreation.UnknownTenant
                    : reader.GetInt64(1) >= maxActivePerTenant ? TokenCreation.LimitReached
                    : TokenCreation.Created;
            }

            if (outcome == TokenCreation.Created)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = $"INSERT INTO tenant_tokens ({TokenColumns}) VALUES ($id, $tenant, $created, NULL, $salt, $hash);";
                insert.Parameters.AddWithValue("$id", token.Token.TokenId);
                insert.Parameters.AddWithValue("$tenant", token.Token.TenantId);
                insert.Parameters.AddWithValue("$created", SqliteDatabase.ToUnixMicros(token.Token.CreatedAt));
                insert.Parameters.AddWithValue("$salt", token.Salt);
                insert.Parameters.AddWithValue("$hash", token.SecretHash);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }

        if (outcome == TokenCreation.Created)
        {
            _tokenChanges.Publish(token.Token.TokenId);
        }

        return outcome;
    }

    public async Task<StoredToken?> GetTokenAsync(string tokenId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = $"SELECT {TokenColumns} FROM tenant_tokens WHERE token_id = $id;";
            command.Parameters.AddWithValue("$id", tokenId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new StoredToken(ReadToken(reader), (byte[])reader.GetValue(4), (byte[])reader.GetValue(5))
                : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<TenantToken>> ListTokensAsync(string tenantId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = $"SELECT {TokenColumns} FROM tenant_tokens WHERE tenant_id = $tenant ORDER BY created_at DESC, token_id LIMIT $limit;";
            command.Parameters.AddWithValue("$tenant", tenantId);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var tokens = new List<TenantToken>();
            while (await reader.ReadAsync(cancellationToken))
            {
                tokens.Add(ReadToken(reader));
            }

            return tokens;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<TenantToken?> RevokeTokenAsync(string tokenId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        TenantToken? revoked;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var connection = Open();
            using (var update = connection.CreateCommand())
            {
                update.CommandText = "UPDATE tenant_tokens SET revoked_at = $now WHERE token_id = $id AND revoked_at IS NULL;";
                update.Parameters.AddWithValue("$id", tokenId);
                update.Parameters.AddWithValue("$now", SqliteDatabase.ToUnixMicros(now));
                await update.ExecuteNonQueryAsync(cancellationToken);
            }

            using var read = connection.CreateCommand();
            read.CommandText = $"SELECT {TokenColumns} FROM tenant_tokens WHERE token_id = $id;";
            read.Parameters.AddWithValue("$id", tokenId);
            using var reader = await read.ExecuteReaderAsync(cancellationToken);
            revoked = await reader.ReadAsync(cancellationToken) ? ReadToken(reader) : null;
        }
        finally
        {
            _gate.Release();
        }

        if (revoked is not null)
        {
            _tokenChanges.Publish(tokenId);
        }

        return revoked;
    }

    public async Task<long> AppendAuditAsync(AuditRecord record, int maxRecords, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Ids only grow (AUTOINCREMENT), so the newest maxRecords are the ids above the new one less maxRecords.
            using var command = Open().CreateCommand();
            command.CommandText = """
                INSERT INTO audit_records (at, caller, method, target, status) VALUES ($at, $caller, $method, $target, $status);
                DELETE FROM audit_records WHERE id <= last_insert_rowid() - $max;
                SELECT last_insert_rowid();
                """;
            command.Parameters.AddWithValue("$max", maxRecords);
            command.Parameters.AddWithValue("$at", SqliteDatabase.ToUnixMicros(record.At));
            command.Parameters.AddWithValue("$caller", record.Caller);
            command.Parameters.AddWithValue("$method", record.Method);
            command.Parameters.AddWithValue("$target", record.Target);
            command.Parameters.AddWithValue("$status", record.Status);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<AuditRecord>> ListAuditAsync(long? beforeId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = $"SELECT {AuditColumns} FROM audit_records WHERE id < $before ORDER BY id DESC LIMIT $limit;";
            command.Parameters.AddWithValue("$before", beforeId ?? long.MaxValue);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var records = new List<AuditRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                records.Add(new AuditRecord(
                    reader.GetInt64(0), SqliteDatabase.FromUnixMicros(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
            }

            return records;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static TenantToken ReadToken(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        SqliteDatabase.FromUnixMicros(reader.GetInt64(2)),
        reader.IsDBNull(3) ? null : SqliteDatabase.FromUnixMicros(reader.GetInt64(3)));
}
