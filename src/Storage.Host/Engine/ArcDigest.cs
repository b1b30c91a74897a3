namespace PairDb.Storage.Engine;

/// <summary>One arc of a range digest: the XOR of its keys' <see cref="KeyDigest"/> hashes (0 for none) and their number.</summary>
public readonly record struct ArcDigest(ulong Hash, long Keys);
