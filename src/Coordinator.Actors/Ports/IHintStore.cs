namespace PairDb.Actors.Ports;

/// <summary>
/// The coordinator's durable hint queue. Calls throw for a store failure (the hint actor counts it); every removal
/// answers what it really removed, per node, so the caller's counts stay exact when two removals meet the same hint.
/// </summary>
public interface IHintStore
{
    /// <summary>Appends <paramref name="hints"/> in one transaction; returns how many.</summary>
    Task<int> AppendAsync(IReadOnlyList<Hint> hints, CancellationToken cancellationToken);

    /// <summary>The oldest <paramref name="limit"/> hints for <paramref name="nodeId"/>, oldest first.</summary>
    Task<IReadOnlyList<StoredHint>> ListAsync(string nodeId, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes the hints of <paramref name="nodeId"/> with these ids; returns what was deleted.</summary>
    Task<PendingHints> DeleteAsync(string nodeId, IReadOnlyList<long> ids, CancellationToken cancellationToken);

    /// <summary>Deletes every hint created before <paramref name="createdBeforeUtc"/>; returns what was deleted, per node.</summary>
    Task<IReadOnlyList<PendingHints>> ExpireAsync(DateTime createdBeforeUtc, CancellationToken cancellationToken);

    /// <summary>Deletes every hint of <paramref name="nodeId"/>; returns what was deleted.</summary>
    Task<PendingHints> DropNodeAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>The hints held now, per node (nodes without hints are absent).</summary>
    Task<IReadOnlyList<PendingHints>> PendingAsync(CancellationToken cancellationToken);
}
