using PairDb.Actors.Ports;

namespace PairDb.Actors.Cores;

/// <summary>The stamp one claimed write of a round records in its idempotency claim before its version is sent.</summary>
public sealed record StampRecord(string IdempotencyKey, string Fingerprint, RecordedStamp Stamp);
