using PairDb.Actors.Ports;
using PairDb.Coordinator.Security;
using PairDb.Coordinator.Tenants;

namespace PairDb.Coordinator.Stores;

/// <summary>
/// The stores a coordinator runs on, the feeds of tenant and token changes that go with them, and what to close at
/// shutdown (in reverse order). <see cref="Credentials"/> is the metadata store's tokens and audit records.
/// </summary>
public sealed record CoordinatorStores(
    IMetadataStore Metadata, IIdempotencyStore Idempotency, ITenantChangeFeed TenantChanges, IReadOnlyList<IAsyncDisposable> Owned)
{
    public required ICredentialStore Credentials { get; init; }

    public required ITokenChangeFeed TokenChanges { get; init; }
}
