namespace PairDb.Actors.Cores;

/// <summary>
/// Token bucket of hint replay: <c>ratePerSecond</c> hints a second, at most one second's worth saved up, so a
/// returning node is never sent more than the rate allows however long replay was idle.
/// </summary>
public sealed class HintThrottle
{
    private readonly int _ratePerSecond;
    private double _tokens;
    private DateTime? _last;

    public HintThrottle(int ratePerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ratePerSecond, 1);
        _ratePerSecond = ratePerSecond;
        _tokens = ratePerSecond;
    }

    /// <summary>How many of <paramref name="wanted"/> hints may be sent at <paramref name="now"/>; those are taken.</summary>
    public int Take(DateTime now, int wanted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(wanted);
        if (_last is { } last && now > last)
        {
            _tokens = Math.Min(_ratePerSecond, _tokens + ((now - last).TotalSeconds * _ratePerSecond));
        }

        _last = now > (_last ?? DateTime.MinValue) ? now : _last;
        var granted = (int)Math.Min(wanted, Math.Floor(_tokens));
        _tokens -= granted;
        return granted;
    }
}
