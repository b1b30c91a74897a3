namespace PairDb.Cli.Output.Views;

/// <summary>
/// `cluster status`: nodes by status, tenant count, ring version and active migrations. A part whose method the
/// coordinator does not implement is null and named in <see cref="Unavailable"/>.
/// </summary>
public sealed record ClusterStatusView(
    string Coordinator,
    int NodeCount,
    IReadOnlyList<NodeStatusGroupView> NodesByStatus,
    int? TenantCount,
    long? RingVersion,
    IReadOnlyList<MigrationView>? ActiveMigrations,
    IReadOnlyList<string> Unavailable);
