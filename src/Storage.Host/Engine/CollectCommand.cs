namespace PairDb.Storage.Engine;

/// <summary>
/// Applies <see cref="CollectRule"/> to the candidate keys (tombstone-only, or holding a version that expired at or
/// before the cutoff) of the listed tenants among a bounded chunk of rows of one stored-position segment, after a
/// cursor, through the writer like any write. The chunk counts rows examined, candidates or not, so a range with few
/// candidates still holds the writer only briefly per chunk. A key left with nothing is deleted; one that lost some
/// versions is rewritten with the rest.
/// </summary>
internal sealed class CollectCommand : WriteCommand
{
    private readonly TaskCompletionSource<CollectChunk> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RingCursor _after;
    private readonly long _high;
    private readonly string _tenantsJson;
    private readonly long _cutoffMicros;
    private readonly int _limit;
    private CollectChunk _result;

    public CollectCommand(RingCursor after, long high, string tenantsJson, long cutoffMicros, int limit)
    {
        _after = after;
        _high = high;
        _tenantsJson = tenantsJson;
        _cutoffMicros = cutoffMicros;
        _limit = limit;
    }

    /// <summary>Completes after the commit with what the chunk did.</summary>
    public Task<CollectChunk> Task => _completion.Task;

    /// <summary>The last row examined (valid once <see cref="Task"/> completed with a visited count above 0).</summary>
    public RingCursor Last { get; private set; }

    public override void Execute(WriterSession session)
    {
        // Execute may run twice (batch failed, retried alone), so every result is overwritten, never accumulated.
        var rows = session.ReadCollectable(_after, _high, _tenantsJson, _cutoffMicros, _limit);
        var now = MergeCommand.NowMicros(session.Time);
        var keys = 0;
        var tombstoneKeys = 0;
        var versions = 0;
        var expired = 0;
        long byteDelta = 0;
        foreach (var row in rows)
        {
            if (row.Versions is null)
            {
                continue;
            }

            var stored = VersionCodec.Decode(row.Versions);
            var (kept, expiredHere) = CollectRule.Apply(stored, _cutoffMicros);
            expired += expiredHere;
            versions += stored.Count - kept.Count;
            if (kept.Count == 0)
            {
                session.Delete(row.Id);
                keys++;
                tombstoneKeys += stored.Count > expiredHere ? 1 : 0;
                byteDelta -= row.Bytes;
            }
            else if (kept.Count < stored.Count)
            {
                // The set stays a sibling set: removing versions never makes one of the rest dominate another.
                var encoded = VersionCodec.Encode(kept);
                var newBytes = row.Bytes - row.Versions.Length + encoded.Length;
                session.Update(row.Id, newBytes, RowMarks.Of(kept, now), encoded);
                byteDelta += newBytes - row.Bytes;
            }
        }

        Last = rows.Count > 0 ? new RingCursor(rows[^1].StoredRing, rows[^1].Tenant, rows[^1].Key) : _after;
        _result = new CollectChunk(rows.Count, keys, tombstoneKeys, versions, expired);
        KeyDelta = -keys;
        ByteDelta = byteDelta;
    }

    public override void Complete() => _completion.TrySetResult(_result);

    public override void Fail(Exception error) => _completion.TrySetException(error);
}
