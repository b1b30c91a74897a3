using PairDb.Messages.Values;

namespace PairDb.Actors.Ports;

/// <summary>One key streamed out of a storage node's range, with every version it holds.</summary>
public sealed record RangeRecord(string TenantId, string Key, IReadOnlyList<VersionedValue> Versions);
