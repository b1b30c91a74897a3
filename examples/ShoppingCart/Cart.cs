using System.Text;

namespace PairDb.Examples.ShoppingCart;

/// <summary>A cart as the value of one key: its item names, sorted, one per line.</summary>
internal static class Cart
{
    public static byte[] Encode(IEnumerable<string> items) =>
        Encoding.UTF8.GetBytes(string.Join('\n', items.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));

    public static IReadOnlyList<string> Decode(byte[] value) =>
        value.Length == 0 ? [] : Encoding.UTF8.GetString(value).Split('\n');

    /// <summary>The merge of concurrent carts: every item any of them holds (a set union, so no addition is lost).</summary>
    public static byte[] Union(IReadOnlyList<byte[]> siblings) => Encode(siblings.SelectMany(Decode));
}
