using PairDb.Actors.Cores;
using PairDb.Protocol.Coordinator;
using PairDb.Rpc;
using PairDb.Rpc.Server;

namespace PairDb.Coordinator.Edge;

/// <summary>CreateTenant, GetTenant and ListTenants.</summary>
public sealed class TenantEdge
{
    private readonly EdgeServices _services;

    public TenantEdge(EdgeServices services) => _services = services;

    public async Task<CreateTenantResponse> CreateAsync(CreateTenantRequest request, ServerCallContext context)
    {
        context.Tenant = request.TenantId;
        var replicationFactor = request.ReplicationFactor == 0 ? _services.DefaultReplicationFactor : request.ReplicationFactor;
        if (RequestValidator.ValidateTenant(request.TenantId, replicationFactor) is { } error)
        {
            throw new RpcException(StatusCode.InvalidArgument, error.Message);
        }

        var active = _services.Ring.Current.ActiveNodeCount;
        if (replicationFactor > active)
        {
            throw new RpcException(StatusCode.FailedPrecondition, $"Replication factor {replicationFactor} is above the {active} active storage nodes.");
        }

        var tenant = await _services.Metadata.CreateTenantAsync(request.TenantId, replicationFactor, DateTimeOffset.UtcNow, context.CancellationToken)
            ?? throw new RpcException(StatusCode.AlreadyExists, $"Tenant '{request.TenantId}' already exists.");
        _services.Tenants.Put(tenant);
        return new CreateTenantResponse
        {
            Success = true,
            TenantId = tenant.TenantId,
            ReplicationFactor = tenant.ReplicationFactor,
            CreatedAt = ProtoConversions.UnixSeconds(tenant.CreatedAt),
        };
    }

    public async Task<ListTenantsResponse> ListAsync(ListTenantsRequest request, ServerCallContext context)
    {
        var response = new ListTenantsResponse { Success = true };
        foreach (var tenant in await _services.Metadata.ListTenantsAsync(context.CancellationToken))
        {
            response.Tenants.Add(new TenantInfo
            {
                TenantId = tenant.TenantId,
                ReplicationFactor = tenant.ReplicationFactor,
                CreatedAt = ProtoConversions.UnixSeconds(tenant.CreatedAt),
                UpdatedAt = ProtoConversions.UnixSeconds(tenant.UpdatedAt),
            });
        }

        return response;
    }

    public async Task<GetTenantResponse> GetAsync(GetTenantRequest request, ServerCallContext context)
    {
        context.Tenant = request.TenantId;
        if (RequestValidator.ValidateTenantId(request.TenantId) is { } error)
        {
            throw new RpcException(StatusCode.InvalidArgument, error.Message);
        }

        var tenant = await _services.Metadata.GetTenantAsync(request.TenantId, context.CancellationToken)
            ?? throw new RpcException(StatusCode.NotFound, $"Tenant '{request.TenantId}' not found.");
        _services.Tenants.Put(tenant);
        return new GetTenantResponse
        {
            Success = true,
            TenantId = tenant.TenantId,
            ReplicationFactor = tenant.ReplicationFactor,
            CreatedAt = ProtoConversions.UnixSeconds(tenant.CreatedAt),
            UpdatedAt = ProtoConversions.UnixSeconds(tenant.UpdatedAt),
        };
    }
}
