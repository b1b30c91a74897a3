namespace PairDb.Storage.Service;

/// <summary>
/// The answer bytes one ReadBatch may still take (its request's max_response_bytes; 0 means no bound). The first
/// answer always goes in, so a batch always makes progress; once an answer does not fit the budget is spent and the
/// reads left are deferred unread. Slices reading in parallel share one budget.
/// </summary>
internal sealed class ReadBatchBudget(int maxBytes)
{
    private readonly Lock _lock = new();
    private long _used;
    private int _taken;
    private volatile bool _spent;

    /// <summary>True once an answer did not fit: the remaining reads are deferred without reading.</summary>
    public bool Spent => _spent;

    /// <summary>Takes room for an answer of <paramref name="bytes"/>; false (the read is deferred) when it does not fit.</summary>
    public bool TryTake(int bytes)
    {
        if (maxBytes <= 0)
        {
            return true;
        }

        lock (_lock)
        {
            if (!_spent && (_taken == 0 || _used + bytes <= maxBytes))
            {
                _used += bytes;
                _taken++;
                return true;
            }

            _spent = true;
            return false;
        }
    }
}
