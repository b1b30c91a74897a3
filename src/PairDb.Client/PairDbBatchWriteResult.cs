namespace PairDb.Client;

/// <summary>
/// One item's outcome in a batch write: <see cref="Result"/> when applied, <see cref="Error"/> when this item failed
/// (a <see cref="PairDbConditionFailedException"/> for a condition that did not hold); other items are unaffected.
/// </summary>
/// <param name="Key">The item's key.</param>
/// <param name="Result">The applied write, or null.</param>
/// <param name="Error">Why this item failed, or null.</param>
public sealed record PairDbBatchWriteResult(string Key, PairDbWriteResult? Result, PairDbException? Error);
