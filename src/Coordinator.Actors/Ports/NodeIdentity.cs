namespace PairDb.Actors.Ports;

/// <summary>
/// What the metadata store records of a storage node's database: the incarnation it last reported (null until a probe
/// first saw one) and since when the node is being rebuilt after its incarnation changed (null: not rebuilding).
/// </summary>
public sealed record NodeIdentity(string NodeId, string? Incarnation, DateTimeOffset? RebuildingSince);
