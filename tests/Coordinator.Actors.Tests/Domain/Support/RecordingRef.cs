using PairDb.Actors.Kernel;
using PairDb.Actors.Tests.Kernel.Support;

namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>
/// A reference that records every message told to it (an aggregator's replies, the repair jobs a read hands on),
/// so a spec can check that exactly one reply came and no second one followed.
/// </summary>
public sealed class RecordingRef : IActorRef
{
    private readonly Probe _probe = new();
    private int _received;

    public RecordingRef(string path = "/test/recorder")
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>Messages told so far.</summary>
    public int Received => Volatile.Read(ref _received);

    public TellResult Tell(object message, IActorRef? sender = null)
    {
        Interlocked.Increment(ref _received);
        _probe.Post(message);
        return TellResult.Delivered;
    }

    public Task<TReply> Ask<TReply>(object message, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Task.FromException<TReply>(new NotSupportedException("A recording reference only records what it is told."));

    /// <summary>The next recorded message, which must be a <typeparamref name="T"/> (bounded wait).</summary>
    public Task<T> ExpectAsync<T>() => _probe.ExpectAsync<T>();

    /// <summary>The next recorded message not yet taken, or null: specs expect null after the last expected reply.</summary>
    public object? TakeUnexpected() => _probe.TryTake(out var item) ? item : null;
}
