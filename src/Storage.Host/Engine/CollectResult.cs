namespace PairDb.Storage.Engine;

/// <summary>What a CollectTombstones call removed: keys deleted, and versions removed (the versions of deleted keys included).</summary>
public readonly record struct CollectResult(long KeysRemoved, long VersionsRemoved);
