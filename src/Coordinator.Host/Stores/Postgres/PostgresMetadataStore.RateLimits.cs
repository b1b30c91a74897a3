using PairDb.Messages.Values;

namespace PairDb.Coordinator.Stores.Postgres;

/// <summary>Tenants' own rate limits: two nullable columns of the tenants table (sql/006_tenant_limits.sql).</summary>
public sealed partial class PostgresMetadataStore
{
    public async Task<Tenant?> SetTenantRateLimitsAsync(string tenantId, TenantRateLimits? limits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);

        // One statement: the row changes and every coordinator hears of it when it commits, or neither happens.
        await using var command = _dataSource.CreateCommand($"""
            WITH changed AS (
                UPDATE tenants SET requests_per_second = $2, bytes_per_second = $3, updated_at = $4, version = version + 1
                WHERE tenant_id = $1
                RETURNING {TenantColumns})
            SELECT {TenantColumns}, pg_notify('{TenantsChannel}', tenant_id) FROM changed;
            """);
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Bigint, limits is null ? DBNull.Value : limits.RequestsPerSecond);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Bigint, limits is null ? DBNull.Value : limits.BytesPerSecond);
        command.Parameters.AddWithValue(PostgresTime.Truncate(now).UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadTenant(reader) : null;
    }
}
