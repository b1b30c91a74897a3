namespace PairDb.Storage.Engine;

/// <summary>A raw row read by a scan page, decoded after its read connection is back in the pool.</summary>
internal readonly record struct ScanRow(string Tenant, string Key, long StoredRing, byte[] Versions);
