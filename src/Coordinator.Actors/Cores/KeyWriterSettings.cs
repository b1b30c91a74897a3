namespace PairDb.Actors.Cores;

/// <summary>
/// A key writer's bounds: this coordinator's clock id, the clock-size bound, how many queued writes one round may
/// coalesce, how many writes may wait behind the round in flight before new ones are refused, and how long past a
/// write's deadline its idempotency claim is held (replica calls sent before the deadline may still land meanwhile).
/// </summary>
public sealed record KeyWriterSettings(string CoordinatorId, int MaxClockEntries, int MaxBatch, int QueueCapacity, TimeSpan ClaimMargin);
