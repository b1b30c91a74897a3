using Grpc.Core;
using PairDb.Client.Internal;
using PairDb.Protocol.Coordinator;

namespace PairDb.Client;

/// <summary>Tenant calls: create, look up and list tenants.</summary>
public sealed partial class PairDbClient
{
    /// <summary>Creates a tenant with <paramref name="replicationFactor"/> replicas per key.</summary>
    /// <remarks>A retry after a lost answer may find the tenant created by the first attempt and throw ALREADY_EXISTS.</remarks>
    /// <exception cref="PairDbException">ALREADY_EXISTS, INVALID_ARGUMENT, FAILED_PRECONDITION (too few storage nodes), or another failure.</exception>
    public Task<PairDbTenant> CreateTenantAsync(string tenantId, int replicationFactor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var request = new CreateTenantRequest { TenantId = tenantId, ReplicationFactor = replicationFactor };
        return RunAsync(static (client, call, request) => client.CreateTenantAsync(request, call), request,
            static r => ProtoMapping.ToTenant(r.TenantId, r.ReplicationFactor, r.CreatedAt, r.CreatedAt), null, cancellationToken);
    }

    /// <summary>Looks a tenant up; null when there is none of that id.</summary>
    /// <exception cref="PairDbException">The call failed (after the retries the policy allows).</exception>
    public async Task<PairDbTenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var request = new GetTenantRequest { TenantId = tenantId };
        try
        {
            return await RunAsync(static (client, call, request) => client.GetTenantAsync(request, call), request,
                static r => ProtoMapping.ToTenant(r.TenantId, r.ReplicationFactor, r.CreatedAt, r.UpdatedAt), null, cancellationToken);
        }
        catch (PairDbException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Every tenant.</summary>
    /// <exception cref="PairDbException">The call failed (after the retries the policy allows).</exception>
    public Task<IReadOnlyList<PairDbTenant>> ListTenantsAsync(CancellationToken cancellationToken = default) =>
        RunAsync(static (client, call, request) => client.ListTenantsAsync(request, call), new ListTenantsRequest(),
            static r => (IReadOnlyList<PairDbTenant>)[.. r.Tenants.Select(static t => ProtoMapping.ToTenant(t.TenantId, t.ReplicationFactor, t.CreatedAt, t.UpdatedAt))],
            null, cancellationToken);
}
