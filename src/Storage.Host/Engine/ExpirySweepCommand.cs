using PairDb.Messages.Values;

namespace PairDb.Storage.Engine;

/// <summary>
/// Removes, from a bounded chunk of keys, every version whose expiry is at or before the cutoff (expired longer ago than
/// the tombstone grace), through the writer like any write. A key left with no version is deleted; otherwise its row is
/// rewritten with the versions that remain and their marks.
/// </summary>
internal sealed class ExpirySweepCommand : WriteCommand
{
    private readonly TaskCompletionSource<ExpirySweepResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _cutoffMicros;
    private readonly int _limit;
    private ExpirySweepResult _result;

    public ExpirySweepCommand(long cutoffMicros, int limit)
    {
        _cutoffMicros = cutoffMicros;
        _limit = limit;
    }

    /// <summary>Completes after the commit with the keys visited and what was removed.</summary>
    public Task<ExpirySweepResult> Task => _completion.Task;

    public override void Execute(WriterSession session)
    {
        var rows = session.ReadExpiring(_cutoffMicros, _limit);
        var now = MergeCommand.NowMicros(session.Time);
        var versionsRemoved = 0;
        var keysRemoved = 0;
        long byteDelta = 0;
        foreach (var (id, bytes, blob) in rows)
        {
            var stored = VersionCodec.Decode(blob);
            var kept = new List<VersionedValue>(stored.Count);
            for (var i = 0; i < stored.Count; i++)
            {
                var version = stored[i];
                if (version.ExpiresAtMicros == 0 || version.ExpiresAtMicros > _cutoffMicros)
                {
                    kept.Add(version);
                }
            }

            versionsRemoved += stored.Count - kept.Count;
            if (kept.Count == 0)
            {
                session.Delete(id);
                keysRemoved++;
                byteDelta -= bytes;
                continue;
            }

            // The set stays a sibling set: removing versions never makes one of the rest dominate another.
            var encoded = VersionCodec.Encode(kept);
            var newBytes = bytes - blob.Length + encoded.Length;
            session.Update(id, newBytes, RowMarks.Of(kept, now), encoded);
            byteDelta += newBytes - bytes;
        }

        _result = new ExpirySweepResult(rows.Count, versionsRemoved, keysRemoved);
        KeyDelta = -keysRemoved;
        ByteDelta = byteDelta;
    }

    public override void Complete() => _completion.TrySetResult(_result);

    public override void Fail(Exception error) => _completion.TrySetException(error);
}
