namespace PairDb.Actors.Tests.Kernel.Support;

/// <summary>Replies with its value.</summary>
public sealed record Echo(object Value);

/// <summary>Appends a value to the actor's record.</summary>
public sealed record RecordValue(int Value);

/// <summary>Replies with the recorded values, in order.</summary>
public sealed record GetRecorded;

/// <summary>Handled without reply.</summary>
public sealed record Ignore;

/// <summary>Increments the instance's counter and replies with it (state is lost on restart).</summary>
public sealed record Increment;

/// <summary>Throws from the handler; after an await when <paramref name="AfterAwait"/>.</summary>
public sealed record Crash(bool AfterAwait = false);

/// <summary>Reports <see cref="Blocked"/>, awaits the gate, then replies "unblocked".</summary>
public sealed record Block(Task Gate);

/// <summary>Reported by a handler that is now waiting on its gate.</summary>
public sealed record Blocked(int Instance);

/// <summary>Starts a single (or periodic) timer that sends <see cref="Tick"/> with the key.</summary>
public sealed record StartTimer(string Key, TimeSpan Delay, bool Periodic = false);

/// <summary>Cancels the timer with the key; replies whether one is still active afterwards.</summary>
public sealed record CancelTimer(string Key);

/// <summary>Sent by a timer.</summary>
public sealed record Tick(string Key);

/// <summary>Replies with the keys of the ticks received, in order.</summary>
public sealed record GetTicks;

/// <summary>Blocks on the gate, then cancels the timer with the key (its tick may already be queued).</summary>
public sealed record BlockThenCancel(Task Gate, string Key);

/// <summary>Pipes the work's outcome back to the actor; replies "started" at once.</summary>
public sealed record PipeWork(Task<int> Work);

/// <summary>A piped success, reported to the probe.</summary>
public sealed record WorkDone(int Result);

/// <summary>A piped failure, reported to the probe.</summary>
public sealed record WorkFailed(string Reason);

/// <summary>Calls Context.Stop().</summary>
public sealed record StopSelf;

/// <summary>Reported by PreStart.</summary>
public sealed record Started(int Instance);

/// <summary>Reported by PostStop.</summary>
public sealed record Stopped(int Instance);
