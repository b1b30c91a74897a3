namespace PairDb.Actors.Cores;

/// <summary>One replica that failed a request, and why (for logs and the UNAVAILABLE message).</summary>
public readonly record struct ReplicaFailure(string ReplicaId, string Reason);
