using System.Globalization;

namespace PairDb.Coordinator.Configuration;

/// <summary>Parses cluster.seeds / CLUSTER_SEEDS: "host:port,host:port" of seed coordinators (IPv6 hosts in brackets, e.g. [fd00::5]:4053).</summary>
internal static class ClusterSeedList
{
    private const string Shape =
        "must be a comma-separated list of host:port addresses of seed coordinators, e.g. coord-0.coord-headless:4053,coord-1.coord-headless:4053";

    public static IReadOnlyList<ClusterSeed> Parse(SettingInput input)
    {
        var seeds = new List<ClusterSeed>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in input.Text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var seed = ParseEntry(input, entry);
            if (!seen.Add(seed.ToString()))
            {
                throw input.Invalid($"{Shape}; seed {seed} appears more than once");
            }

            seeds.Add(seed);
        }

        return seeds;
    }

    private static ClusterSeed ParseEntry(SettingInput input, string entry)
    {
        var colon = entry.LastIndexOf(':');
        if (colon < 0 || entry.EndsWith(']'))
        {
            throw input.Invalid($"{Shape}; entry '{entry}' has no :port");
        }

        var host = entry[..colon].Trim();
        if (!IsHost(host))
        {
            throw input.Invalid($"{Shape}; entry '{entry}' has no valid host name or IP address before its port");
        }

        if (!int.TryParse(entry[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw input.Invalid($"{Shape}; entry '{entry}' has a port that is not 1..65535");
        }

        return new ClusterSeed(host, port);
    }

    /// <summary>A DNS name or IPv4 address, or an IPv6 address in brackets (unbracketed, its colons would be ambiguous).</summary>
    private static bool IsHost(string host)
    {
        if (host.StartsWith('['))
        {
            return host.Length > 2 && host.EndsWith(']') && Uri.CheckHostName(host[1..^1]) == UriHostNameType.IPv6;
        }

        return host.Length > 0 && !host.Contains(':', StringComparison.Ordinal) && Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4;
    }
}
