using System.Text;
using System.Text.Json;

namespace PairDb.Storage.Engine;

/// <summary>
/// A list of tenant ids as the JSON array one SQL parameter carries (read back with SQLite's json_each), so a statement
/// prepared once filters by any number of tenants.
/// </summary>
internal static class TenantList
{
    public static string ToJson(IReadOnlyList<string> tenants)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        if (tenants.Count == 0)
        {
            throw new ArgumentException("At least one tenant is required.", nameof(tenants));
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var tenant in tenants)
            {
                ArgumentNullException.ThrowIfNull(tenant, nameof(tenants));
                writer.WriteStringValue(tenant);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
