namespace PairDb.Storage.Engine;

/// <summary>Live key and byte totals: loaded once at open, then moved by every committed write.</summary>
internal sealed class EngineCounters
{
    private long _keys;
    private long _bytes;

    public EngineCounters(KeyStats initial)
    {
        _keys = initial.Keys;
        _bytes = initial.Bytes;
    }

    public KeyStats Current => new(Interlocked.Read(ref _keys), Interlocked.Read(ref _bytes));

    public void Add(long keys, long bytes)
    {
        if (keys != 0)
        {
            Interlocked.Add(ref _keys, keys);
        }

        if (bytes != 0)
        {
            Interlocked.Add(ref _bytes, bytes);
        }
    }
}
