using Google.Protobuf.Collections;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// The checks of a batch as a whole (INVALID_ARGUMENT naming the field): at least one item, at most the bound
/// (limits.max_batch_keys), and each key at most once (compared as exact strings), since two items of one key in one
/// call would race each other with no order between them.
/// </summary>
public static class BatchShape
{
    public static void Check<T>(RepeatedField<T> items, Func<T, string> keyOf, string field, int maxKeys)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(keyOf);
        if (items.Count == 0)
        {
            throw EdgeStatus.InvalidArgument($"{field} must hold at least one item.");
        }

        if (items.Count > maxKeys)
        {
            throw EdgeStatus.InvalidArgument($"{field} holds {items.Count} items; a batch holds at most {maxKeys} (limits.max_batch_keys).");
        }

        var seen = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var key = keyOf(items[i]);
            if (!seen.TryAdd(key, i))
            {
                throw EdgeStatus.InvalidArgument($"{Name(field, i)} names the same key as {Name(field, seen[key])}; a batch names each key at most once.");
            }
        }
    }

    // BatchRead's keys are the keys themselves; BatchWrite's items each have a key field.
    private static string Name(string field, int index) => field == "keys" ? $"keys[{index}]" : $"{field}[{index}].key";
}
