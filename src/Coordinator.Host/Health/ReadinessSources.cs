using PairDb.Actors.Ring;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Health;

/// <summary>
/// Where <see cref="CoordinatorReadiness"/> reads its facts: the two store pings, the tenant list and the current
/// ring. Delegates rather than the store interfaces, so readiness depends on exactly what it uses.
/// </summary>
public sealed record ReadinessSources(
    Func<CancellationToken, Task> PingMetadata,
    Func<CancellationToken, Task> PingIdempotency,
    Func<CancellationToken, Task<IReadOnlyList<Tenant>>> ListTenants,
    Func<RingSnapshot> Ring);
