using PairDb.Actors.Support;

namespace PairDb.Coordinator.Security;

/// <summary>
/// Tenant tokens by id, cached per coordinator so an authenticated call reads the metadata store about once per token
/// per TTL. Bounded in count (least recently used forgotten first) and in age; unknown ids are cached too, apart from the
/// known tokens, so random ids can neither grow memory nor push real tokens out. The token change feed
/// (<see cref="Invalidate"/>) drops a created or revoked token at once; the TTL bounds staleness when the feed is down.
/// </summary>
public sealed class TokenCache
{
    private readonly Func<string, CancellationToken, Task<StoredToken?>> _readToken;
    private readonly TimeProvider _time;
    private readonly long _ttl;
    private readonly LruSegment<StoredToken> _known;
    private readonly LruSegment<bool> _unknown;
    private long _generation;
    private long _misses;

    /// <param name="readToken">Reads a token from the metadata store; null when there is none.</param>
    /// <param name="time">The clock of the expiries.</param>
    /// <param name="ttl">How long an entry (known or unknown) is kept at most.</param>
    /// <param name="maxEntries">Most known tokens kept, and apart from them most unknown ids kept.</param>
    public TokenCache(Func<string, CancellationToken, Task<StoredToken?>> readToken, TimeProvider time, TimeSpan ttl, int maxEntries)
    {
        ArgumentNullException.ThrowIfNull(readToken);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        _readToken = readToken;
        _time = time;
        _ttl = (long)Math.Ceiling(ttl.TotalSeconds * time.TimestampFrequency);
        _known = new LruSegment<StoredToken>(maxEntries);
        _unknown = new LruSegment<bool>(maxEntries);
    }

    /// <summary>Store reads so far (lookups the cache could not answer).</summary>
    public long Misses => Interlocked.Read(ref _misses);

    public async ValueTask<StoredToken?> GetAsync(string tokenId, CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        if (_known.TryGet(tokenId, now, out var cached))
        {
            return cached;
        }

        if (_unknown.TryGet(tokenId, now, out _))
        {
            return null;
        }

        Interlocked.Increment(ref _misses);

        // A change heard while the store was being read may be newer than the answer: pass it on without caching it.
        var generation = Volatile.Read(ref _generation);
        var token = await _readToken(tokenId, cancellationToken);
        if (Volatile.Read(ref _generation) == generation)
        {
            var expiresAt = _time.GetTimestamp() + _ttl;
            if (token is null)
            {
                _unknown.Set(tokenId, true, expiresAt);
            }
            else
            {
                _known.Set(tokenId, token, expiresAt);
            }
        }

        return token;
    }

    /// <summary>Forgets a token so the next lookup reads the store (the token change feed calls this).</summary>
    public void Invalidate(string tokenId)
    {
        Interlocked.Increment(ref _generation);
        _known.Remove(tokenId);
        _unknown.Remove(tokenId);
    }
}
