namespace PairDb.Client;

/// <summary>
/// One key's outcome in a batch read: <see cref="Result"/> when found; both null when the key has no live version;
/// <see cref="Error"/> when this key failed (other keys of the batch are unaffected).
/// </summary>
/// <param name="Key">The key.</param>
/// <param name="Result">What the read found, or null.</param>
/// <param name="Error">Why this key failed, or null.</param>
public sealed record PairDbBatchReadResult(string Key, PairDbReadResult? Result, PairDbException? Error);
