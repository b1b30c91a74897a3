using System.Globalization;

namespace PairDb.Cli.Tests.Support;

/// <summary>Decodes a grpc-timeout header value (digits and one unit letter, per the gRPC HTTP/2 protocol).</summary>
public static class GrpcTimeoutHeader
{
    public static TimeSpan Parse(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var amount = long.Parse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture);
        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => throw new FormatException($"'{value}' is not a grpc-timeout value."),
        };
    }
}
