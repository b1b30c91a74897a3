using PairDb.Messages.Values;

namespace PairDb.Storage.Engine;

/// <summary>One key returned by a range scan, with its ring position and every stored version.</summary>
public sealed record StoredKey(string Tenant, string Key, ulong RingPosition, IReadOnlyList<VersionedValue> Versions);
