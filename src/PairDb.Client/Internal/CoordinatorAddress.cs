using System.Globalization;

namespace PairDb.Client.Internal;

/// <summary>Turns a configured coordinator address into the URI of a gRPC channel.</summary>
internal static class CoordinatorAddress
{
    /// <summary>"host:port" becomes "http://host:port"; an http or https URI is kept. Anything else is an <see cref="ArgumentException"/>.</summary>
    public static Uri Parse(string address) => Parse(address, tls: false);

    /// <summary>
    /// "host:port" becomes "https://host:port" when <paramref name="tls"/> is set (TLS files are configured), else
    /// "http://host:port"; an http or https URI is kept. Anything else is an <see cref="ArgumentException"/>.
    /// </summary>
    public static Uri Parse(string address, bool tls)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var hasScheme = address.Contains("://", StringComparison.Ordinal);
        var colon = address.LastIndexOf(':');
        var valid = Uri.TryCreate(hasScheme ? address : (tls ? "https://" : "http://") + address, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && (hasScheme || (colon > 0 && int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535));
        return valid
            ? uri!
            : throw new ArgumentException($"Coordinator address '{address}' is not host:port or an http(s) URI.", nameof(address));
    }
}
