using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>One key anti-entropy repairs: the merge of every replica's versions and the replicas that lack some of it.</summary>
public sealed record KeyRepair(string TenantId, string Key, IReadOnlyList<VersionedValue> Versions, IReadOnlyList<string> Targets);
