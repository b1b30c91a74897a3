namespace PairDb.Cli.Output.Views;

/// <summary>
/// A tenant's rate limits as the coordinator enforces them (per coordinator; 0: unlimited), and whether they are the
/// coordinator's configured defaults because the tenant has none of its own.
/// </summary>
public sealed record TenantLimitsView(long RequestsPerSecond, long BytesPerSecond, bool FromDefaults);
