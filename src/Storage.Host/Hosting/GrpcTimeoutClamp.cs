using System.Globalization;

namespace PairDb.Storage.Hosting;

/// <summary>
/// Middleware of both servers (coordinator and storage node): a grpc-timeout header longer than the configured maximum
/// is rewritten to that maximum before grpc-dotnet reads it, so the call runs with the maximum as its deadline. A
/// client's far deadline (2000H, past what .NET timers and actor asks take) would otherwise break the call. A header
/// that does not parse is left to grpc-dotnet, which ignores it.
/// </summary>
public sealed class GrpcTimeoutClamp
{
    /// <summary>The largest maximum a server may be configured with: 24 days, within every .NET timer's range with room to spare.</summary>
    public static readonly TimeSpan Largest = TimeSpan.FromDays(24);

    private const string Header = "grpc-timeout";

    /// <summary>The gRPC spec allows at most 8 digits before the unit.</summary>
    private const int MaxDigits = 8;

    private readonly TimeSpan _max;
    private readonly string _maxText;

    /// <param name="max">The longest deadline a call may have; 1 ms to <see cref="Largest"/>.</param>
    public GrpcTimeoutClamp(TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, Largest);
        _max = max;
        _maxText = Encode(max);
    }

    /// <summary>The middleware: clamps the header, then runs the rest of the pipeline.</summary>
    public RequestDelegate Middleware(RequestDelegate next) => context =>
    {
        Clamp(context.Request.Headers);
        return next(context);
    };

    /// <summary>Rewrites the grpc-timeout in <paramref name="headers"/> to the maximum when it is longer.</summary>
    public void Clamp(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.TryGetValue(Header, out var values) && values.Count == 1 && TryParse(values[0], out var timeout) && timeout > _max)
        {
            headers[Header] = _maxText;
        }
    }

    /// <summary>Parses a grpc-timeout value: 1 to 8 digits and a unit (H, M, S, m, u, n).</summary>
    public static bool TryParse(string? text, out TimeSpan timeout)
    {
        timeout = default;
        if (text is null || text.Length < 2 || text.Length > MaxDigits + 1)
        {
            return false;
        }

        long value = 0;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        // 99999999 hours is 3.6e18 ticks, within a long.
        long? ticks = text[^1] switch
        {
            'H' => value * TimeSpan.TicksPerHour,
            'M' => value * TimeSpan.TicksPerMinute,
            'S' => value * TimeSpan.TicksPerSecond,
            'm' => value * TimeSpan.TicksPerMillisecond,
            'u' => value * TimeSpan.TicksPerMicrosecond,
            'n' => value / 100,
            _ => null,
        };
        if (ticks is null)
        {
            return false;
        }

        timeout = TimeSpan.FromTicks(ticks.Value);
        return true;
    }

    /// <summary>The grpc-timeout text of <paramref name="timeout"/>: milliseconds while they fit in 8 digits, else seconds.</summary>
    private static string Encode(TimeSpan timeout)
    {
        var milliseconds = (long)timeout.TotalMilliseconds;
        return milliseconds < 100_000_000
            ? milliseconds.ToString(CultureInfo.InvariantCulture) + "m"
            : ((long)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "S";
    }
}
