namespace PairDb.Actors.Ports;

/// <summary>
/// Where anti-entropy keeps its progress, shared by every coordinator: the scheduler (a cluster singleton) resumes
/// from it when it moves, and any coordinator answers `pairdb repair status` from it.
/// </summary>
public interface IRepairStore
{
    /// <summary>The current pass, or null before the first.</summary>
    Task<RepairPassRecord?> GetRepairPassAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Saves the pass over the one held, unless the held one has a higher number: a scheduler still finishing a step
    /// after the singleton moved must not write an earlier pass back over its successor's.
    /// </summary>
    Task SaveRepairPassAsync(RepairPassRecord pass, CancellationToken cancellationToken);

    /// <summary>Every range's record, in no particular order.</summary>
    Task<IReadOnlyList<RepairRangeRecord>> ListRepairRangesAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the range's record.</summary>
    Task SaveRepairRangeAsync(RepairRangeRecord range, CancellationToken cancellationToken);

    /// <summary>Deletes the records of ranges not in <paramref name="current"/> (the ring or the factors changed).</summary>
    Task PruneRepairRangesAsync(IReadOnlyCollection<RepairRangeKey> current, CancellationToken cancellationToken);
}
