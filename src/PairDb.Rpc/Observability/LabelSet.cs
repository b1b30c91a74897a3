using System.Globalization;

namespace PairDb.Rpc.Observability;

/// <summary>
/// The tags of one series as label name/value text, sorted by name so that tag order never splits a series. The
/// hash is order-independent, which lets a measurement's tag span be looked up without building a set first.
/// </summary>
internal sealed class LabelSet
{
    private LabelSet(KeyValuePair<string, string>[] labels, int hash)
    {
        Labels = labels;
        Hash = hash;
    }

    public static LabelSet Empty { get; } = new([], 0);

    public KeyValuePair<string, string>[] Labels { get; }

    public int Hash { get; }

    public static LabelSet From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return Empty;
        }

        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labels[i] = new(tags[i].Key, ValueText(tags[i].Value));
        }

        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new LabelSet(labels, HashOf(tags));
    }

    /// <summary>Sum of per-tag hashes: the same for any order of the same tags.</summary>
    public static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = 0;
        foreach (var tag in tags)
        {
            hash = unchecked(hash + HashCode.Combine(tag.Key, ValueText(tag.Value)));
        }

        return hash;
    }

    /// <summary>Tag values are usually strings (no allocation); anything else is formatted invariantly.</summary>
    public static string ValueText(object? value) =>
        value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != Labels.Length)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            if (!Contains(tag.Key, ValueText(tag.Value)))
            {
                return false;
            }
        }

        return true;
    }

    public bool SameAs(LabelSet other) => Hash == other.Hash && Labels.AsSpan().SequenceEqual(other.Labels);

    private bool Contains(string key, string value)
    {
        foreach (var label in Labels)
        {
            if (string.Equals(label.Key, key, StringComparison.Ordinal))
            {
                return string.Equals(label.Value, value, StringComparison.Ordinal);
            }
        }

        return false;
    }
}
