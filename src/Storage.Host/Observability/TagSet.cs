using System.Globalization;

namespace PairDb.Storage.Observability;

/// <summary>
/// The measurement tags of one series as name/value text. The hash is order-independent, so a measurement's tag span
/// is looked up without building a set first, and tag order never splits a series.
/// </summary>
internal sealed class TagSet
{
    private TagSet(KeyValuePair<string, string>[] tags, int hash)
    {
        Tags = tags;
        Hash = hash;
    }

    /// <summary>The tags sorted by name.</summary>
    public KeyValuePair<string, string>[] Tags { get; }

    public int Hash { get; }

    public static TagSet From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            copied[i] = new(tags[i].Key, ValueText(tags[i].Value));
        }

        Array.Sort(copied, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new TagSet(copied, HashOf(tags));
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
        if (tags.Length != Tags.Length)
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

    public bool SameAs(TagSet other) => Hash == other.Hash && Tags.AsSpan().SequenceEqual(other.Tags);

    private bool Contains(string key, string value)
    {
        foreach (var tag in Tags)
        {
            if (string.Equals(tag.Key, key, StringComparison.Ordinal))
            {
                return string.Equals(tag.Value, value, StringComparison.Ordinal);
            }
        }

        return false;
    }
}
