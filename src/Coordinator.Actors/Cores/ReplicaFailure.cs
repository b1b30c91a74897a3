namespace PairDb.Actors.Cores;

/// <summary>
/// One replica that failed a request, and why (for logs and the client's message); <paramref name="Overloaded"/> when
/// it refused for overload (a full queue) rather than being down or broken.
/// </summary>
public readonly record struct ReplicaFailure(string ReplicaId, string Reason, bool Overloaded = false);
