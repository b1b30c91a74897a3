namespace PairDb.Storage.Engine;

/// <summary>
/// What one chunk of a collection did: the rows it examined (candidates or not), keys deleted (of them, those deleted for holding
/// only old tombstones), versions removed in all, and of them those removed for having expired.
/// </summary>
internal readonly record struct CollectChunk(int Visited, int KeysRemoved, int TombstoneKeys, int VersionsRemoved, int ExpiredVersions);
