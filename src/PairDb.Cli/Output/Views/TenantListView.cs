namespace PairDb.Cli.Output.Views;

/// <summary>`tenant list`: every tenant.</summary>
public sealed record TenantListView(IReadOnlyList<TenantView> Tenants);
