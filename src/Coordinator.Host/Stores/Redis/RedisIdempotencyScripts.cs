namespace PairDb.Coordinator.Stores.Redis;

/// <summary>
/// The Lua scripts of <see cref="RedisIdempotencyStore"/>, each run atomically by Redis. A record is a hash:
/// s = state ("p" pending claim, "c" completed), f = fingerprint, r = encoded result (completed only), u = when a
/// pending claim lapses (Unix ms on the Redis server's clock), k = the stamp a pending claim recorded before its
/// write was sent. Its TTL is the claim's hold (the write's deadline plus a margin) while pending without a stamp,
/// the retention once a stamp is recorded (a lapsed claim is kept for the retry that takes it over) or once completed,
/// so Redis itself forgets expired records.
/// </summary>
internal static class RedisIdempotencyScripts
{
    /// <summary>The Redis server's time in Unix milliseconds, as a local of each script.</summary>
    private const string Now = """
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        """;

    /// <summary>
    /// KEYS[1] record, ARGV[1] fingerprint, ARGV[2] claim hold ms, ARGV[3] retention ms. Returns {} when claimed,
    /// {'l', stamp} when it took over a lapsed claim that recorded a stamp (the stamp empty unless the claim was of
    /// the same fingerprint; kept in the new claim), else {state, fingerprint, result}.
    /// </summary>
    public const string Claim = Now + """
        local held = redis.call('HMGET', KEYS[1], 's', 'f', 'r', 'u', 'k')
        local hold = tonumber(ARGV[2])
        if held[1] == 'p' and held[5] and held[4] and tonumber(held[4]) <= now then
            local stamp = ''
            if held[2] == ARGV[1] then
                stamp = held[5]
            end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 's', 'p', 'f', ARGV[1], 'u', string.format('%.0f', now + hold))
            if stamp ~= '' then
                redis.call('HSET', KEYS[1], 'k', stamp)
                redis.call('PEXPIRE', KEYS[1], math.max(hold, tonumber(ARGV[3])))
            else
                redis.call('PEXPIRE', KEYS[1], hold)
            end
            return {'l', stamp}
        end
        if held[1] then
            return {held[1], held[2], held[3]}
        end
        redis.call('HSET', KEYS[1], 's', 'p', 'f', ARGV[1], 'u', string.format('%.0f', now + hold))
        redis.call('PEXPIRE', KEYS[1], hold)
        return {}
        """;

    /// <summary>
    /// KEYS[1] record, ARGV[1] fingerprint, ARGV[2] encoded stamp, ARGV[3] retention ms. Records the stamp in a live
    /// pending claim of that fingerprint and keeps the record for the retention; returns 1 when recorded.
    /// </summary>
    public const string RecordStamp = Now + """
        local held = redis.call('HMGET', KEYS[1], 's', 'f', 'u')
        if held[1] == 'p' and held[2] == ARGV[1] and held[3] and tonumber(held[3]) > now then
            redis.call('HSET', KEYS[1], 'k', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], math.max(tonumber(ARGV[3]), tonumber(held[3]) - now))
            return 1
        end
        return 0
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

    /// <summary>
    /// KEYS[1] record, ARGV[1] fingerprint. A pending claim of that fingerprint is deleted, or, when it recorded a
    /// stamp, lapses at once (kept for the retry that takes it over); returns 1 when released.
    /// </summary>
    public const string Release = """
        local held = redis.call('HMGET', KEYS[1], 's', 'f', 'k')
        if held[1] == 'p' and held[2] == ARGV[1] then
            if held[3] then
                redis.call('HSET', KEYS[1], 'u', '0')
                return 1
            end
            return redis.call('DEL', KEYS[1])
        end
        return 0
        """;
}
