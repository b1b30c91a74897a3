using PairDb.Actors.Ports;

namespace PairDb.Actors.Tests.Domain.Hints;

/// <summary>A hint store in memory, with the contract of the SQLite one; <see cref="Failing"/> makes every call throw.</summary>
public sealed class InMemoryHintStore : IHintStore
{
    private readonly Lock _lock = new();
    private readonly List<StoredHint> _hints = [];
    private long _nextId = 1;

    /// <summary>When true, every call fails as a broken disk would.</summary>
    public bool Failing { get; set; }

    /// <summary>While set, appends wait for it to complete before they store anything (a slow disk).</summary>
    public TaskCompletionSource? HoldAppends { get; set; }

    /// <summary>Every hint held now, oldest first.</summary>
    public IReadOnlyList<StoredHint> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _hints];
            }
        }
    }

    public async Task<int> AppendAsync(IReadOnlyList<Hint> hints, CancellationToken cancellationToken)
    {
        if (HoldAppends is { } hold)
        {
            await hold.Task.ConfigureAwait(false);
        }

        return await Run(() =>
        {
            foreach (var hint in hints)
            {
                _hints.Add(new StoredHint(_nextId++, hint));
            }

            return hints.Count;
        }).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<StoredHint>> ListAsync(string nodeId, int limit, CancellationToken cancellationToken) =>
        Run<IReadOnlyList<StoredHint>>(() => [.. _hints.Where(h => h.Hint.TargetNodeId == nodeId).Take(limit)]);

    public Task<PendingHints> DeleteAsync(string nodeId, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        Run(() => Remove(nodeId, h => h.Hint.TargetNodeId == nodeId && ids.Contains(h.Id)));

    public Task<IReadOnlyList<PendingHints>> ExpireAsync(DateTime createdBeforeUtc, CancellationToken cancellationToken) => Run<IReadOnlyList<PendingHints>>(() =>
    {
        var nodes = _hints.Where(h => h.Hint.CreatedUtc < createdBeforeUtc).Select(static h => h.Hint.TargetNodeId).Distinct().Order(StringComparer.Ordinal).ToArray();
        return [.. nodes.Select(node => Remove(node, h => h.Hint.TargetNodeId == node && h.Hint.CreatedUtc < createdBeforeUtc))];
    });

    public Task<PendingHints> DropNodeAsync(string nodeId, CancellationToken cancellationToken) =>
        Run(() => Remove(nodeId, h => h.Hint.TargetNodeId == nodeId));

    public Task<IReadOnlyList<PendingHints>> PendingAsync(CancellationToken cancellationToken) => Run<IReadOnlyList<PendingHints>>(() =>
        [.. _hints.GroupBy(static h => h.Hint.TargetNodeId).Select(static g => new PendingHints(g.Key, g.Count(), g.Sum(static h => h.Hint.Bytes)))]);

    private PendingHints Remove(string nodeId, Predicate<StoredHint> match)
    {
        var removed = _hints.FindAll(match);
        _hints.RemoveAll(match);
        return new PendingHints(nodeId, removed.Count, removed.Sum(static h => h.Hint.Bytes));
    }

    private Task<T> Run<T>(Func<T> work)
    {
        lock (_lock)
        {
            return Failing ? Task.FromException<T>(new IOException("disk failure")) : Task.FromResult(work());
        }
    }
}
