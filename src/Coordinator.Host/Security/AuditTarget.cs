using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Security;

/// <summary>What an admin request names, for its audit record: a tenant, node, migration, member address or token id.</summary>
public static class AuditTarget
{
    /// <summary>Longest target kept (a tenant id's limit); a longer one was invalid and is cut.</summary>
    public const int MaxChars = 256;

    public static string Of(object request)
    {
        var target = request switch
        {
            CreateTenantRequest create => create.TenantId,
            UpdateReplicationFactorRequest update => update.TenantId,
            AddStorageNodeRequest add => add.NodeId,
            RemoveStorageNodeRequest remove => remove.NodeId,
            GetMigrationStatusRequest migration => migration.MigrationId,
            GetRingRequest ring => ring.TenantId,
            LeaveClusterMemberRequest leave => leave.Address,
            DownClusterMemberRequest down => down.Address,
            CreateTenantTokenRequest token => token.TenantId,
            ListTenantTokensRequest tokens => tokens.TenantId,
            RevokeTenantTokenRequest revoke => revoke.TokenId,
            SetTenantLimitsRequest limits => limits.TenantId,
            _ => string.Empty,
        };
        return target.Length > MaxChars ? target[..MaxChars] : target;
    }
}
