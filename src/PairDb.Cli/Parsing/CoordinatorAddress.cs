using System.Globalization;

namespace PairDb.Cli.Parsing;

/// <summary>
/// The coordinator's gRPC endpoint, HOST:PORT ([v6]:PORT for IPv6; an http:// prefix is accepted, an https:// one or
/// <paramref name="Https"/> dials TLS).
/// </summary>
public sealed record CoordinatorAddress(string Host, int Port, bool Https = false)
{
    public const string Default = "127.0.0.1:50051";

    /// <summary>Where the embedded coordinator listens by default.</summary>
    public static CoordinatorAddress Local { get; } = new("127.0.0.1", 50051);

    /// <summary>The channel target, e.g. "http://127.0.0.1:50051" or "https://db.example:50051".</summary>
    public string Uri => (Https ? "https://" : "http://") + ToString();

    public static bool TryParse(string? text, out CoordinatorAddress? address, out string error)
    {
        address = null;
        error = $"'{text}' is not HOST:PORT (e.g. {Default}).";
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var rest = text.Trim();
        var https = rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        if (https || rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[(https ? "https://" : "http://").Length..].TrimEnd('/');
        }
        else if (rest.Contains("://", StringComparison.Ordinal))
        {
            error = $"'{text}': a coordinator is reached over http:// (plaintext HTTP/2) or https:// (TLS).";
            return false;
        }

        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(rest.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return false;
        }

        if (port is < 1 or > 65535)
        {
            error = $"'{text}': port {port} is outside 1-65535.";
            return false;
        }

        var host = rest[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            error = $"'{text}': write an IPv6 host in brackets, e.g. [::1]:50051.";
            return false;
        }

        if (host.Length == 0 || host.Contains('/', StringComparison.Ordinal) || host.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        address = new CoordinatorAddress(host, port, https);
        return true;
    }

    public override string ToString() =>
        (Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);
}
