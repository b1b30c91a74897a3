namespace PairDb.Coordinator.Stores.Redis;

/// <summary>
/// The Lua scripts of <see cref="RedisIdempotencyStore"/>, each run atomically by Redis. A record is a hash:
/// s = state ("p" pending claim, "c" completed), f = fingerprint, r = encoded result (completed only); its TTL is
/// the claim's hold (the write's deadline plus a margin) while pending and the retention once completed, so Redis itself forgets expired records.
/// </summary>
internal static class RedisIdempotencyScripts
{
    /// <summary>KEYS[1] record, ARGV[1] fingerprint, ARGV[2] claim hold ms. Returns {} when claimed, else {state, fingerprint, result}.</summary>
    public const string Claim = """
        local held = redis.call('HMGET', KEYS[1], 's', 'f', 'r')
        if held[1] then
            return held
        end
        redis.call('HSET', KEYS[1], 's', 'p', 'f', ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return {}
        """;

    /// <summary>
    /// KEYS[1] record, ARGV[1] fingerprint, ARGV[2] encoded result, ARGV[3] retention ms. Writes the completed record
    /// unless a record of another fingerprint holds the key (a claim that took over after ours was abandoned); a
    /// missing record (our claim expired, nobody took over) is recreated, since the write did succeed. Returns 1 when written.
    /// </summary>
    public const string Complete = """
        local holder = redis.call('HGET', KEYS[1], 'f')
        if holder and holder ~= ARGV[1] then
            return 0
        end
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 's', 'c', 'f', ARGV[1], 'r', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    /// <summary>KEYS[1] record, ARGV[1] fingerprint. Deletes the record only when it is a pending claim of that fingerprint; returns 1 when deleted.</summary>
    public const string Release = """
        local held = redis.call('HMGET', KEYS[1], 's', 'f')
        if held[1] == 'p' and held[2] == ARGV[1] then
            return redis.call('DEL', KEYS[1])
        end
        return 0
        """;
}
