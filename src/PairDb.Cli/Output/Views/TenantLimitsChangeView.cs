namespace PairDb.Cli.Output.Views;

/// <summary>`tenant limits set`: the tenant's limits after the change and when it was made (Unix seconds).</summary>
public sealed record TenantLimitsChangeView(string TenantId, TenantLimitsView Limits, long UpdatedAt);
