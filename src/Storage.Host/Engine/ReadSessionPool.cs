namespace PairDb.Storage.Engine;

/// <summary>A fixed set of open read connections; WAL lets them read while the writer commits.</summary>
internal sealed class ReadSessionPool : IDisposable
{
    private readonly Stack<ReadSession> _idle = new();
    private readonly SemaphoreSlim _available;
    private readonly Lock _gate = new();
    private bool _disposed;

    public ReadSessionPool(StorageEngineOptions options)
    {
        try
        {
            for (var i = 0; i < options.ReadConnections; i++)
            {
                _idle.Push(new ReadSession(SqliteSchema.Open(options, readOnly: true)));
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        _available = new SemaphoreSlim(options.ReadConnections, options.ReadConnections);
    }

    /// <summary>Waits for a free connection; give it back with <see cref="Return"/>.</summary>
    public async ValueTask<ReadSession> RentAsync(CancellationToken cancellationToken)
    {
        await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (!_disposed && _idle.TryPop(out var session))
            {
                return session;
            }
        }

        _available.Release();
        throw new ObjectDisposedException(nameof(ReadSessionPool), "The storage engine is closed.");
    }

    public void Return(ReadSession session)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                session.Dispose();
            }
            else
            {
                _idle.Push(session);
            }
        }

        _available.Release();
    }

    /// <summary>Closes idle connections now and rented ones as they come back.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            while (_idle.TryPop(out var session))
            {
                session.Dispose();
            }
        }
    }
}
