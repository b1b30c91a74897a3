using PairDb.Messages.Values;

namespace PairDb.Coordinator.Configuration;

/// <summary>Parses storage.nodes / STORAGE_NODES: "id=host:port,id=host:port" (IPv6 hosts in brackets, e.g. s1=[::1]:50061).</summary>
internal static class StaticStorageNodeList
{
    private const string Shape = "must be a comma-separated list of id=host:port entries, e.g. s1=10.0.0.5:50061,s2=10.0.0.6:50061";

    public static IReadOnlyList<StorageNode> Parse(SettingInput input)
    {
        var nodes = new List<StorageNode>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in input.Text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var node = ParseEntry(input, raw);
            if (!ids.Add(node.NodeId))
            {
                throw input.Invalid($"{Shape}; node id '{node.NodeId}' appears more than once");
            }

            if (!addresses.Add(node.Host + ":" + node.Port))
            {
                throw input.Invalid($"{Shape}; address {node.Host}:{node.Port} appears more than once");
            }

            nodes.Add(node);
        }

        return nodes;
    }

    private static StorageNode ParseEntry(SettingInput input, string entry)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw input.Invalid($"{Shape}; entry '{entry}' has no id= before its address");
        }

        var id = entry[..equals].Trim();
        if (!SettingValueParsers.IsValidNodeId(id))
        {
            throw input.Invalid($"{Shape}; node id '{id}' {SettingValueParsers.NodeIdRequirement}");
        }

        var address = entry[(equals + 1)..].Trim();
        var colon = address.LastIndexOf(':');
        var host = colon > 0 ? address[..colon] : string.Empty;
        if (host.Length == 0 || host.Contains(' ', StringComparison.Ordinal) || !HasValidBrackets(host))
        {
            throw input.Invalid($"{Shape}; entry '{entry}' has no host:port address");
        }

        if (!int.TryParse(address[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw input.Invalid($"{Shape}; entry '{entry}' has a port that is not 1..65535");
        }

        return new StorageNode(id, host, port, CoordinatorOptions.DefaultVirtualNodes, StorageNodeStatus.Active);
    }

    /// <summary>An IPv6 host is bracketed ("[::1]"); any other host has no colon at all.</summary>
    private static bool HasValidBrackets(string host) =>
        host.StartsWith('[')
            ? host.Length > 2 && host.EndsWith(']') && host.IndexOf(']', StringComparison.Ordinal) == host.Length - 1
            : !host.Contains(':', StringComparison.Ordinal) && !host.Contains(']', StringComparison.Ordinal);
}
