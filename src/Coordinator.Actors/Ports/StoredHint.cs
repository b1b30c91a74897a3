namespace PairDb.Actors.Ports;

/// <summary>A hint as the hint store holds it: its id (append order) and the hint.</summary>
public sealed record StoredHint(long Id, Hint Hint);
