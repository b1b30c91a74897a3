using PairDb.Messages.Values;

namespace PairDb.Actors.Ports;

/// <summary>
/// A version a preference-list replica did not acknowledge, kept for that replica: handed to it through the storage
/// Repair call (merge by clock) once it is seen again. <paramref name="Bytes"/> is its size as the hint bounds count it.
/// </summary>
public sealed record Hint(string TargetNodeId, string TenantId, string Key, VersionedValue Version, DateTime CreatedUtc, long Bytes);
