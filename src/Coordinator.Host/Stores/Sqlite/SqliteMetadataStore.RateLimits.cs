using PairDb.Messages.Values;

namespace PairDb.Coordinator.Stores.Sqlite;

/// <summary>Tenants' own rate limits: two nullable columns of the tenants table (schema version 5).</summary>
public sealed partial class SqliteMetadataStore
{
    public async Task<Tenant?> SetTenantRateLimitsAsync(string tenantId, TenantRateLimits? limits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        Tenant? updated;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Open().CreateCommand();
            command.CommandText = $"""
                UPDATE tenants SET requests_per_second = $requests, bytes_per_second = $bytes, updated_at = $now, version = version + 1
                WHERE tenant_id = $id
                RETURNING {TenantColumns};
                """;
            command.Parameters.AddWithValue("$id", tenantId);
            command.Parameters.AddWithValue("$requests", limits is null ? DBNull.Value : limits.RequestsPerSecond);
            command.Parameters.AddWithValue("$bytes", limits is null ? DBNull.Value : limits.BytesPerSecond);
            command.Parameters.AddWithValue("$now", SqliteDatabase.ToUnixMicros(now));
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            updated = await reader.ReadAsync(cancellationToken) ? ReadTenant(reader) : null;
        }
        finally
        {
            _gate.Release();
        }

        if (updated is not null)
        {
            _changes.Publish(tenantId);
        }

        return updated;
    }
}
