namespace PairDb.Coordinator.Health;

/// <summary>
/// What one round of store pings found: a problem per store (null when it answered), the smallest replication
/// factor among tenants (null when there are none or they could not be listed), and when the round ended
/// (a <see cref="TimeProvider"/> timestamp), from which the result's age is counted.
/// </summary>
internal sealed record StoreMeasurement(string? MetadataProblem, string? IdempotencyProblem, int? SmallestReplicationFactor, long CompletedAt);
