using PairDb.Actors.Ports;
using PairDb.Coordinator.Tenants;

namespace PairDb.Coordinator.Stores;

/// <summary>The stores a coordinator runs on, the feed of tenant changes that goes with them, and what to close at shutdown (in reverse order).</summary>
public sealed record CoordinatorStores(
    IMetadataStore Metadata, IIdempotencyStore Idempotency, ITenantChangeFeed TenantChanges, IReadOnlyList<IAsyncDisposable> Owned);
