namespace PairDb.Coordinator.Edge;

/// <summary>
/// One write or delete whose fields passed their checks (<see cref="KeyRequests.PrepareWrite"/>), ready for the key's
/// actor: the key, the value (empty for a tombstone), the client's idempotency key (empty: the edge generates one),
/// the checked causal context and condition, and the time to live in milliseconds (0: none).
/// </summary>
public sealed record PreparedWrite(
    string Key, ReadOnlyMemory<byte> Value, bool Tombstone, string IdempotencyKey, WriteConditions Conditions, long TtlMillis);
