using PairDb.Messages.Ring;

namespace PairDb.Actors.Cores;

/// <summary>An arc of the ring whose keys share one preference list, and that list.</summary>
public readonly record struct ReplicatedRange(RingRange Range, IReadOnlyList<string> Replicas);
