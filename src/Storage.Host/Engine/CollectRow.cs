namespace PairDb.Storage.Engine;

/// <summary>
/// A row a collection chunk examined, read by the writer inside its transaction; <see cref="Versions"/> only for a
/// candidate (a listed tenant's key holding only tombstones or a version expired at the cutoff), null otherwise.
/// </summary>
internal readonly record struct CollectRow(long Id, long StoredRing, string Tenant, string Key, long Bytes, byte[]? Versions);
