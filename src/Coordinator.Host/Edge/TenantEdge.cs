using Grpc.Core;
using PairDb.Coordinator.Interceptors;
using PairDb.Messages.Validation;
using PairDb.Messages.Values;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Edge;

/// <summary>CreateTenant, GetTenant, ListTenants and SetTenantLimits.</summary>
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
            var limits = _services.RateLimits.LimitsOf(tenant);
            response.Tenants.Add(new TenantInfo
            {
                TenantId = tenant.TenantId,
                ReplicationFactor = tenant.ReplicationFactor,
                CreatedAt = tenant.CreatedAt.ToUnixTimeSeconds(),
                UpdatedAt = tenant.UpdatedAt.ToUnixTimeSeconds(),
                RequestsPerSecond = limits.RequestsPerSecond,
                BytesPerSecond = limits.BytesPerSecond,
                LimitsFromDefaults = tenant.RateLimits is null,
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
        var limits = _services.RateLimits.LimitsOf(tenant);
        return new GetTenantResponse
        {
            Success = true,
            TenantId = tenant.TenantId,
            ReplicationFactor = tenant.ReplicationFactor,
            CreatedAt = tenant.CreatedAt.ToUnixTimeSeconds(),
            UpdatedAt = tenant.UpdatedAt.ToUnixTimeSeconds(),
            RequestsPerSecond = limits.RequestsPerSecond,
            BytesPerSecond = limits.BytesPerSecond,
            LimitsFromDefaults = tenant.RateLimits is null,
        };
    }

    /// <summary>
    /// Stores the tenant's own limits (or none, with use_defaults) and puts the new record in this coordinator's cache;
    /// the store's change notification brings it to the others, whose next call of the tenant rebuilds its buckets.
    /// </summary>
    public async Task<SetTenantLimitsResponse> SetLimitsAsync(SetTenantLimitsRequest request, ServerCallContext context)
    {
        CallTenant.Attach(context, request.TenantId);
        if (RequestValidator.ValidateTenantId(request.TenantId) is { } error)
        {
            throw EdgeStatus.InvalidArgument(error.Message);
        }

        if (LimitsProblem(request) is { } problem)
        {
            throw EdgeStatus.InvalidArgument(problem);
        }

        var own = request.UseDefaults ? null : new TenantRateLimits(request.RequestsPerSecond, request.BytesPerSecond);
        var tenant = await _services.Metadata.SetTenantRateLimitsAsync(request.TenantId, own, DateTimeOffset.UtcNow, context.CancellationToken)
            ?? throw EdgeStatus.NotFound($"Tenant '{request.TenantId}' not found.");
        _services.Tenants.Put(tenant);
        var limits = _services.RateLimits.LimitsOf(tenant);
        return new SetTenantLimitsResponse
        {
            Success = true,
            TenantId = tenant.TenantId,
            RequestsPerSecond = limits.RequestsPerSecond,
            BytesPerSecond = limits.BytesPerSecond,
            LimitsFromDefaults = tenant.RateLimits is null,
            UpdatedAt = tenant.UpdatedAt.ToUnixTimeSeconds(),
        };
    }

    private static string? LimitsProblem(SetTenantLimitsRequest request) =>
        !TenantRateLimits.IsValidRate(request.RequestsPerSecond)
            ? $"requests_per_second must be 0 (unlimited) to {TenantRateLimits.MaxRate}, got {request.RequestsPerSecond}."
        : !TenantRateLimits.IsValidRate(request.BytesPerSecond)
            ? $"bytes_per_second must be 0 (unlimited) to {TenantRateLimits.MaxRate}, got {request.BytesPerSecond}."
        : request.UseDefaults && (request.RequestsPerSecond != 0 || request.BytesPerSecond != 0)
            ? "requests_per_second and bytes_per_second must be 0 when use_defaults is set."
        : null;
}
