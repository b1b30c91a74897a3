namespace PairDb.Actors.Ports;

/// <summary>One arc of a range as a storage node holds it: the XOR of its keys' hashes and how many keys it holds.</summary>
public readonly record struct LeafDigest(ulong Hash, long Keys);
