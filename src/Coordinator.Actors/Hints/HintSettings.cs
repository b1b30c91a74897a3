namespace PairDb.Actors.Hints;

/// <summary>
/// Hinted handoff's bounds: the hint window (a node down longer gets no new hints; older hints expire), the size cap
/// of all pending hints, the replay rate (hints a second), how often the hint actor looks at the ring to expire and
/// replay, and the deadline of one replayed hint's Repair call (also how long a stopping hint actor waits to write its
/// last hints).
/// </summary>
public sealed record HintSettings(TimeSpan Window, long MaxBytes, int ReplayRate, TimeSpan TickInterval, TimeSpan ReplayTimeout);
