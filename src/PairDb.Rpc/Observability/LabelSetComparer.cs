namespace PairDb.Rpc.Observability;

/// <summary>
/// Compares label sets, and a measurement's tag span with a stored set, so that recording into an existing series
/// looks it up straight from the span and allocates nothing.
/// </summary>
internal sealed class LabelSetComparer
    : IEqualityComparer<LabelSet>, IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, LabelSet>
{
    public static LabelSetComparer Instance { get; } = new();

    public bool Equals(LabelSet? x, LabelSet? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.SameAs(y));

    public int GetHashCode(LabelSet obj) => obj.Hash;

    public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> alternate, LabelSet other) => other.Matches(alternate);

    public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => LabelSet.HashOf(alternate);

    public LabelSet Create(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => LabelSet.From(alternate);
}
