using Npgsql;
using PairDb.Coordinator.Security;

namespace PairDb.Coordinator.Stores.Postgres;

/// <summary>
/// Tenant tokens and audit records in PostgreSQL. Creating or revoking a token sends NOTIFY on <see cref="TokensChannel"/>
/// with the token id in the same transaction, so every coordinator's <see cref="PostgresTenantChangeListener"/> hears of
/// it when it commits.
/// </summary>
public sealed partial class PostgresMetadataStore : ICredentialStore
{
    /// <summary>The NOTIFY channel of token changes; the payload is the token id.</summary>
    public const string TokensChannel = "pairdb_tokens";

    private const string TokenColumns = "token_id, tenant_id, created_at, revoked_at, salt, secret_hash";

    public async Task<TokenCreation> CreateTokenAsync(StoredToken token, int maxActivePerTenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxActivePerTenant, 1);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The tenant's row lock serialises token creation per tenant, so the active count cannot be passed by racing creators.
        await using (var check = new NpgsqlCommand(
            """
            SELECT (SELECT COUNT(*) FROM tenant_tokens WHERE tenant_id = $1 AND revoked_at IS NULL)
            FROM tenants WHERE tenant_id = $1 FOR UPDATE;
            """,
            connection,
            transaction))
        {
            check.Parameters.AddWithValue(token.Token.TenantId);
            var active = await check.ExecuteScalarAsync(cancellationToken);
            if (active is not long count)
            {
                return TokenCreation.UnknownTenant;
            }

            if (count >= maxActivePerTenant)
            {
                return TokenCreation.LimitReached;
            }
        }

        await using (var insert = new NpgsqlCommand(
            $"""
            WITH inserted AS (
                INSERT INTO tenant_tokens ({TokenColumns}) VALUES ($1, $2, $3, NULL, $4, $5)
                RETURNING token_id)
            SELECT pg_notify('{TokensChannel}', token_id) FROM inserted;
            """,
            connection,
            transaction))
        {
            insert.Parameters.AddWithValue(token.Token.TokenId);
            insert.Parameters.AddWithValue(token.Token.TenantId);
            insert.Parameters.AddWithValue(PostgresTime.Truncate(token.Token.CreatedAt).UtcDateTime);
            insert.Parameters.AddWithValue(token.Salt);
            insert.Parameters.AddWithValue(token.SecretHash);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return TokenCreation.Created;
    }

    public async Task<StoredToken?> GetTokenAsync(string tokenId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        await using var command = _dataSource.CreateCommand($"SELECT {TokenColumns} FROM tenant_tokens WHERE token_id = $1;");
        command.Parameters.AddWithValue(tokenId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredToken(ReadToken(reader), reader.GetFieldValue<byte[]>(4), reader.GetFieldValue<byte[]>(5))
            : null;
    }

    public async Task<IReadOnlyList<TenantToken>> ListTokensAsync(string tenantId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = _dataSource.CreateCommand(
            $"SELECT {TokenColumns} FROM tenant_tokens WHERE tenant_id = $1 ORDER BY created_at DESC, token_id COLLATE \"C\" LIMIT $2;");
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tokens = new List<TenantToken>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens.Add(ReadToken(reader));
        }

        return tokens;
    }

    public async Task<TenantToken?> RevokeTokenAsync(string tokenId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenId);

        // One statement: the first revocation time is kept, and the notice goes out (once committed) whenever the token exists.
        await using var command = _dataSource.CreateCommand($"""
            WITH revoked AS (
                UPDATE tenant_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE token_id = $1
                RETURNING {TokenColumns})
            SELECT revoked.*, pg_notify('{TokensChannel}', token_id) FROM revoked;
            """);
        command.Parameters.AddWithValue(tokenId);
        command.Parameters.AddWithValue(PostgresTime.Truncate(now).UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadToken(reader) : null;
    }

    public async Task<long> AppendAuditAsync(AuditRecord record, int maxRecords, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);

        // Ids only grow (a sequence), so the records beyond the newest maxRecords are those at or below the new id less it.
        await using var command = _dataSource.CreateCommand("""
            WITH inserted AS (
                INSERT INTO audit_records (at, caller, method, target, status) VALUES ($1, $2, $3, $4, $5) RETURNING id),
            trimmed AS (
                DELETE FROM audit_records WHERE id <= (SELECT id FROM inserted) - $6)
            SELECT id FROM inserted;
            """);
        command.Parameters.AddWithValue(PostgresTime.Truncate(record.At).UtcDateTime);
        command.Parameters.AddWithValue(record.Caller);
        command.Parameters.AddWithValue(record.Method);
        command.Parameters.AddWithValue(record.Target);
        command.Parameters.AddWithValue(record.Status);
        command.Parameters.AddWithValue((long)maxRecords);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<AuditRecord>> ListAuditAsync(long? beforeId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = _dataSource.CreateCommand(
            "SELECT id, at, caller, method, target, status FROM audit_records WHERE id < $1 ORDER BY id DESC LIMIT $2;");
        command.Parameters.AddWithValue(beforeId ?? long.MaxValue);
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new AuditRecord(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }

        return records;
    }

    private static TenantToken ReadToken(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetFieldValue<DateTimeOffset>(2),
        reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
}
