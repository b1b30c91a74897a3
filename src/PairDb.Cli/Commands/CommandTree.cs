using System.CommandLine;

namespace PairDb.Cli.Commands;

/// <summary>The whole `pairdb` command tree: global options, command groups, help with exit codes.</summary>
public static class CommandTree
{
    public static RootCommand Build(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand("pairdb: operate a PairDB cluster through its coordinator's gRPC API.");
        context.Globals.AddTo(root);
        root.Add(new Command("cluster", "Cluster-wide summary, and the coordinators' Akka.NET cluster: members, leave, down, shards.")
        {
            ClusterStatusCommand.Create(context),
            ClusterMembersCommand.Create(context),
            ClusterMemberChangeCommand.Leave(context),
            ClusterMemberChangeCommand.Down(context),
            ClusterShardsCommand.Create(context),
        });
        root.Add(new Command("ring", "The consistent-hash ring.") { RingShowCommand.Create(context) });
        root.Add(new Command("node", "Storage node membership: list, add, remove, drain.")
        {
            NodeListCommand.Create(context),
            NodeAddCommand.Create(context),
            NodeRemoveCommand.Create(context),
            NodeDrainCommand.Create(context),
        });
        root.Add(new Command("tenant", "Tenants, their replication factors and rate limits.")
        {
            TenantListCommand.Create(context),
            TenantCreateCommand.Create(context),
            TenantGetCommand.Create(context),
            TenantSetRfCommand.Create(context),
            new Command("token", "Tenant tokens: create, list, revoke (admin).")
            {
                TenantTokenCreateCommand.Create(context),
                TenantTokenListCommand.Create(context),
                TenantTokenRevokeCommand.Create(context),
            },
            new Command("limits", "A tenant's rate limits, enforced by each coordinator.") { TenantLimitsSetCommand.Create(context) },
        });
        root.Add(new Command("migration", "Data migrations started by membership and replication-factor changes.")
        {
            MigrationStatusCommand.Create(context),
            MigrationListCommand.Create(context),
        });
        root.Add(new Command("repair", "Anti-entropy: the background sync of every range's replicas (admin).") { RepairStatusCommand.Create(context) });
        root.Add(new Command("kv", "Read, write and delete keys.")
        {
            KvPutCommand.Create(context),
            KvGetCommand.Create(context),
            KvDeleteCommand.Create(context),
        });
        root.Add(new Command("audit", "Audit records of admin calls (admin).") { AuditListCommand.Create(context) });
        HelpEpilog.Install(root);
        return root;
    }
}
