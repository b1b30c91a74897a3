using Akka.Actor;
using Grpc.Core;
using PairDb.Coordinator.Interceptors;
using PairDb.Messages.Protocols;
using PairDb.Messages.Validation;
using PairDb.Messages.Values;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// AddStorageNode, RemoveStorageNode and UpdateReplicationFactor (asked of the migration singleton through its proxy,
/// wherever in the cluster it runs; it decides and records them), and GetMigrationStatus / ListMigrations (read from
/// the metadata store, so any coordinator answers for the migration the singleton runs).
/// </summary>
public sealed class MigrationEdge
{
    private const int MaxVirtualNodes = 1000;
    private readonly EdgeServices _services;

    public MigrationEdge(EdgeServices services) => _services = services;

    public async Task<AddStorageNodeResponse> AddNodeAsync(AddStorageNodeRequest request, ServerCallContext context)
    {
        ValidateNodeId(request.NodeId);
        if (string.IsNullOrWhiteSpace(request.Host) || request.Host.Length > 253 || request.Host.Contains(':', StringComparison.Ordinal))
        {
            throw EdgeStatus.InvalidArgument("host must be a host name or IPv4 address of 1..253 characters.");
        }

        if (request.Port is < 1 or > 65535)
        {
            throw EdgeStatus.InvalidArgument($"port must be 1..65535 (got {request.Port}).");
        }

        if (request.VirtualNodes is < 0 or > MaxVirtualNodes)
        {
            throw EdgeStatus.InvalidArgument($"virtual_nodes must be 0 (default {_services.DefaultVirtualNodes}) to {MaxVirtualNodes} (got {request.VirtualNodes}).");
        }

        var node = new StorageNode(
            request.NodeId, request.Host, request.Port, request.VirtualNodes == 0 ? _services.DefaultVirtualNodes : request.VirtualNodes, StorageNodeStatus.Joining);
        var accepted = await StartAsync(new AddNodeRequest(node), context);
        return new AddStorageNodeResponse
        {
            Success = true, NodeId = node.NodeId, MigrationId = accepted.Migration?.Id ?? string.Empty, Message = accepted.Message,
        };
    }

    public async Task<RemoveStorageNodeResponse> RemoveNodeAsync(RemoveStorageNodeRequest request, ServerCallContext context)
    {
        ValidateNodeId(request.NodeId);
        var accepted = await StartAsync(new RemoveNodeRequest(request.NodeId, request.Force), context);
        return new RemoveStorageNodeResponse
        {
            Success = true, NodeId = request.NodeId, MigrationId = accepted.Migration?.Id ?? string.Empty, Message = accepted.Message,
        };
    }

    public async Task<UpdateReplicationFactorResponse> UpdateReplicationFactorAsync(UpdateReplicationFactorRequest request, ServerCallContext context)
    {
        CallTenant.Attach(context, request.TenantId);
        if (RequestValidator.ValidateTenant(request.TenantId, request.NewReplicationFactor) is { } error)
        {
            throw EdgeStatus.InvalidArgument(error.Message);
        }

        var before = await _services.Metadata.GetTenantAsync(request.TenantId, context.CancellationToken)
            ?? throw EdgeStatus.NotFound($"Tenant '{request.TenantId}' not found.");
        var accepted = await StartAsync(new ChangeFactorRequest(request.TenantId, request.NewReplicationFactor), context);
        return new UpdateReplicationFactorResponse
        {
            Success = true,
            TenantId = request.TenantId,
            OldReplicationFactor = accepted.Migration?.PreviousReplicationFactor ?? before.ReplicationFactor,
            NewReplicationFactor = request.NewReplicationFactor,
            MigrationId = accepted.Migration?.Id ?? string.Empty,
            UpdatedAt = (accepted.Migration?.StartedAt ?? before.UpdatedAt).ToUnixTimeSeconds(),
        };
    }

    public async Task<GetMigrationStatusResponse> GetStatusAsync(GetMigrationStatusRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.MigrationId) || request.MigrationId.Length > 128)
        {
            throw EdgeStatus.InvalidArgument("migration_id must be 1..128 characters.");
        }

        var migration = await _services.Metadata.GetMigrationAsync(request.MigrationId, context.CancellationToken)
            ?? throw EdgeStatus.NotFound($"Migration '{request.MigrationId}' not found.");
        return MigrationStatusMapping.ToProto(migration, DateTimeOffset.UtcNow);
    }

    public async Task<ListMigrationsResponse> ListAsync(ListMigrationsRequest request, ServerCallContext context)
    {
        var response = new ListMigrationsResponse { Success = true };
        var now = DateTimeOffset.UtcNow;
        foreach (var migration in await _services.Metadata.ListMigrationsAsync(request.ActiveOnly, context.CancellationToken))
        {
            response.Migrations.Add(MigrationStatusMapping.ToProto(migration, now));
        }

        return response;
    }

    private static void ValidateNodeId(string nodeId)
    {
        if (string.IsNullOrEmpty(nodeId) || nodeId.Length > 128)
        {
            throw EdgeStatus.InvalidArgument("node_id must be 1..128 characters.");
        }

        foreach (var c in nodeId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw EdgeStatus.InvalidArgument("node_id may contain only ASCII letters, digits, '-', '_' and '.'.");
            }
        }
    }

    private async Task<MigrationAccepted> StartAsync(MigrationRequest request, ServerCallContext context)
    {
        var timeout = CallDeadline.Remaining(context);
        object reply;
        try
        {
            reply = await _services.Migrations.Ask<object>(new StartMigration(request), timeout > TimeSpan.Zero ? timeout : TimeSpan.FromMilliseconds(1));
        }
        catch (Exception ex) when (EdgeStatus.FromAsk(ex) is { } status)
        {
            throw status;
        }

        return reply switch
        {
            MigrationAccepted accepted => accepted,
            MigrationRefused refused => throw EdgeStatus.Refused(refused.Reason, refused.Message),
            _ => throw EdgeStatus.Internal($"Unexpected migration reply {reply.GetType().Name}."),
        };
    }
}
