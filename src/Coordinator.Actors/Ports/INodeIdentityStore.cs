namespace PairDb.Actors.Ports;

/// <summary>
/// The storage nodes' database identities (incarnation, rebuilding mark). Every change is conditional on what the
/// caller last saw, so coordinators probing the same node concurrently make exactly one change and the others see it.
/// </summary>
public interface INodeIdentityStore
{
    /// <summary>The identity of every storage node in the store, removed ones included.</summary>
    Task<IReadOnlyList<NodeIdentity>> ListNodeIdentitiesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sets the node's incarnation to <paramref name="incarnation"/> and its rebuilding mark to
    /// <paramref name="rebuildingSince"/> (null: not rebuilding), only if its stored incarnation is still
    /// <paramref name="expected"/> (null: none recorded yet); true when this call made the change.
    /// </summary>
    Task<bool> ReplaceIncarnationAsync(string nodeId, string? expected, string incarnation, DateTimeOffset? rebuildingSince, CancellationToken cancellationToken);

    /// <summary>Clears the node's rebuilding mark only if it is exactly <paramref name="since"/>; true when this call cleared it.</summary>
    Task<bool> ClearRebuildingAsync(string nodeId, DateTimeOffset since, CancellationToken cancellationToken);
}
