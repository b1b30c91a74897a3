namespace PairDb.Actors.Cores;

/// <summary>What a membership change moves: ranges to copy to new replicas, and ranges to purge from former ones.</summary>
public sealed record MigrationPlan(IReadOnlyList<RangeTransfer> Transfers, IReadOnlyList<RangeCleanup> Cleanups);
