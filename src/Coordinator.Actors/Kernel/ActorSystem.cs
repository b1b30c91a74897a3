using System.Collections.Concurrent;

namespace PairDb.Actors.Kernel;

/// <summary>
/// Hosts actors (Akka's ActorSystem): spawns top-level actors, owns the TimeProvider every timer and ask
/// deadline uses, and keeps the kernel-wide counters the metrics endpoint reads.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ActorCell, byte> _cells = new();
    private long _mailboxOverflows;
    private long _restarts;

    public ActorSystem(string name, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    public string Name { get; }

    /// <summary>Clock for timers, ask deadlines, idle timeouts and restart windows; tests inject a manual one.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Messages refused because a mailbox was full, since start.</summary>
    public long MailboxOverflows => Interlocked.Read(ref _mailboxOverflows);

    /// <summary>Actor restarts after a crash, since start.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Actors (top-level and entities) not yet stopped.</summary>
    public int LiveActors => _cells.Count;

    /// <summary>Spawns a top-level actor. Names are for diagnostics only and need not be unique.</summary>
    public IActorRef ActorOf(Props props, string name)
    {
        ArgumentNullException.ThrowIfNull(props);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var cell = CreateCell(props, "/user/" + name, observer: null);
        cell.Start(predecessor: null);
        return cell.Self;
    }

    /// <summary>Stops an actor of this system: its current message finishes, its queued asks fail.</summary>
    public void Stop(IActorRef actor)
    {
        if (actor is not LocalActorRef local || local.Cell.System != this)
        {
            throw new ArgumentException($"{actor} is not an actor of system {Name}.", nameof(actor));
        }

        local.Cell.RequestStop();
    }

    /// <summary>Stops every actor and waits until each has run PostStop.</summary>
    public async ValueTask DisposeAsync()
    {
        var stopping = new List<Task>();
        foreach (var pair in _cells)
        {
            pair.Key.RequestStop();
            stopping.Add(pair.Key.Completion);
        }

        await Task.WhenAll(stopping).ConfigureAwait(false);
    }

    internal ActorCell CreateCell(Props props, string? path, ICellObserver? observer)
    {
        var cell = new ActorCell(this, props, path, observer);
        _cells.TryAdd(cell, 0);
        return cell;
    }

    internal void OnCellStopped(ActorCell cell) => _cells.TryRemove(cell, out _);

    internal void CountMailboxOverflow() => Interlocked.Increment(ref _mailboxOverflows);

    internal void CountRestart() => Interlocked.Increment(ref _restarts);
}
