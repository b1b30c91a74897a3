using Grpc.Core;
using PairDb.Coordinator.Interceptors;
using PairDb.Messages.Validation;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Edge;

/// <summary>CreateTenant, GetTenant and ListTenants.</summary>
public sealed class TenantEdge
{
    private readonly EdgeServices _services;

    public TenantEdge(EdgeServices services) => _services = services;

    public async Task<CreateTenantResponse> CreateAsync(CreateTenantRequest request, ServerCallContext context)
    {
        CallTenant.Attach(context, request.TenantId);
        var replicationFactor = request.ReplicationFactor == 0 ? _services.DefaultReplicationFactor : request.ReplicationFactor;
        if (RequestValidator.ValidateTenant(request.TenantId, replicationFactor) is { } error)
        {
            throw EdgeStatus.InvalidArgument(error.Message);
        }

        var active = _services.Ring.Current.ActiveNodeCount;
        if (replicationFactor > active)
        {
            throw EdgeStatus.FailedPrecondition($"Replication factor {replicationFactor} is above the {active} active storage nodes.");
        }

        var tenant = await _services.Metadata.CreateTenantAsync(request.TenantId, replicationFactor, DateTimeOffset.UtcNow, context.CancellationToken)
            ?? throw EdgeStatus.AlreadyExists($"Tenant '{request.TenantId}' already exists.");
        _services.Tenants.Put(tenant);
        return new CreateTenantResponse
        {
            Success = true,
            TenantId = tenant.TenantId,
            ReplicationFactor = tenant.ReplicationFactor,
            CreatedAt = tenant.CreatedAt.ToUnixTimeSeconds(),
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
                CreatedAt = tenant.CreatedAt.ToUnixTimeSeconds(),
                UpdatedAt = tenant.UpdatedAt.ToUnixTimeSeconds(),
            });
        }

        return response;
    }

    public async Task<GetTenantResponse> GetAsync(GetTenantRequest request, ServerCallContext context)
    {
        CallTenant.Attach(context, request.TenantId);
        if (RequestValidator.ValidateTenantId(request.TenantId) is { } error)
        {
            throw EdgeStatus.InvalidArgument(error.Message);
        }

        var tenant = await _services.Metadata.GetTenantAsync(request.TenantId, context.CancellationToken)
            ?? throw EdgeStatus.NotFound($"Tenant '{request.TenantId}' not found.");
        _services.Tenants.Put(tenant);
        return new GetTenantResponse
        {
            Success = true,
            TenantId = tenant.TenantId,
            ReplicationFactor = tenant.ReplicationFactor,
            CreatedAt = tenant.CreatedAt.ToUnixTimeSeconds(),
            UpdatedAt = tenant.UpdatedAt.ToUnixTimeSeconds(),
        };
    }
}
