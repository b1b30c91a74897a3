using System.Threading.Channels;

namespace PairDb.Actors.Tests.Kernel.Support;

/// <summary>Collects what test actors report, in order, for a test to await one item at a time.</summary>
public sealed class Probe
{
    private readonly Channel<object> _items = Channel.CreateUnbounded<object>();

    public void Post(object item) => _items.Writer.TryWrite(item);

    public async Task<T> ExpectAsync<T>()
    {
        var item = await _items.Reader.ReadAsync().AsTask().WithinBound();
        return item is T typed
            ? typed
            : throw new InvalidOperationException($"Expected a {typeof(T).Name}, got {item}.");
    }

    /// <summary>Skips items of other types until one of type <typeparamref name="T"/> arrives.</summary>
    public async Task<T> ExpectUntilAsync<T>()
    {
        while (true)
        {
            var item = await _items.Reader.ReadAsync().AsTask().WithinBound();
            if (item is T typed)
            {
                return typed;
            }
        }
    }

    public bool TryTake(out object? item) => _items.Reader.TryRead(out item);
}
