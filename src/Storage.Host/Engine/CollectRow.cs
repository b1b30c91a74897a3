namespace PairDb.Storage.Engine;

/// <summary>A candidate row of a collection chunk, read by the writer inside its transaction.</summary>
internal readonly record struct CollectRow(long Id, long StoredRing, string Tenant, string Key, long Bytes, byte[] Versions);
