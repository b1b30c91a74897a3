using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Akka.Actor;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// Cluster members as operators write them: the Akka remoting endpoint as host:port ([v6]:port for IPv6), standing
/// for the address akka.tcp://SYSTEM@host:port (akka.ssl.tcp:// over TLS) that every coordinator of the cluster shares
/// the protocol and system of.
/// </summary>
public static class ClusterAddresses
{
    /// <summary>host:port of <paramref name="address"/>; an address without a host (a local one) as its system name.</summary>
    public static string Format(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (string.IsNullOrEmpty(address.Host) || address.Port is not { } port)
        {
            return address.System;
        }

        var host = address.Host.Contains(':', StringComparison.Ordinal) && !address.Host.StartsWith('[') ? "[" + address.Host + "]" : address.Host;
        return host + ":" + port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Parses host:port into the address of a member of the cluster this node (<paramref name="self"/>) is in: its system
    /// name and its remoting protocol (akka.tcp, or akka.ssl.tcp over TLS). False with the reason when
    /// <paramref name="text"/> is not host:port with a port of 1..65535.
    /// </summary>
    public static bool TryParse(string? text, Address self, [NotNullWhen(true)] out Address? address, out string error)
    {
        address = null;
        error = $"address '{text}' is not host:port (e.g. 10.0.0.5:4053), as ListClusterMembers lists it.";
        if (string.IsNullOrWhiteSpace(text) || text.Contains("://", StringComparison.Ordinal) || text.Contains('@', StringComparison.Ordinal))
        {
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return false;
        }

        if (port is < 1 or > 65535)
        {
            error = $"address '{text}': port {port} is outside 1..65535.";
            return false;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            error = $"address '{text}': write an IPv6 host in brackets, e.g. [::1]:4053.";
            return false;
        }

        if (host.Length == 0 || host.Any(static c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '[' or ']'))
        {
            return false;
        }

        ArgumentNullException.ThrowIfNull(self);
        address = new Address(self.Protocol, self.System, host, port);
        return true;
    }
}
