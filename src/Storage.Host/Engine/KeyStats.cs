namespace PairDb.Storage.Engine;

/// <summary>Number of keys and stored bytes (encoded versions plus tenant and key) in a range or the whole store.</summary>
public readonly record struct KeyStats(long Keys, long Bytes);
