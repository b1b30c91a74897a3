using System.Text;
using PairDb.Messages.Ring;
using PairDb.Messages.Values;

namespace PairDb.Storage.Engine;

/// <summary>
/// Read-modify-write of one key's sibling set inside the writer's transaction: merges the incoming versions with
/// <see cref="SiblingSet.Merge"/>, enforces the sibling bound, and stores the result. A conditional write first checks
/// that its clock strictly dominates every stored clock (<see cref="SiblingSet.DominatesAll"/>: a stored copy of the
/// very same version passes, and the write is then a duplicate); the check and the store share the transaction of the single
/// writer, so no other write of the key can come between them (a compare-and-set on causality).
/// </summary>
internal sealed class MergeCommand : WriteCommand
{
    private readonly TaskCompletionSource<WriteOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _tenant;
    private readonly string _key;
    private readonly VersionedValue? _single;
    private readonly IReadOnlyList<VersionedValue>? _many;
    private readonly bool _ifDominates;
    private WriteOutcome _outcome;

    public MergeCommand(string tenant, string key, VersionedValue version, bool ifDominates)
    {
        _tenant = tenant;
        _key = key;
        _single = version;
        _ifDominates = ifDominates;
        QueuedBytes = tenant.Length + key.Length + version.Value.Length;
    }

    public MergeCommand(string tenant, string key, IReadOnlyList<VersionedValue> versions)
    {
        _tenant = tenant;
        _key = key;
        _many = versions;
        long bytes = tenant.Length + key.Length;
        for (var i = 0; i < versions.Count; i++)
        {
            bytes += versions[i].Value.Length;
        }

        QueuedBytes = bytes;
    }

    /// <summary>Completes with the outcome after the batch committed.</summary>
    public Task<WriteOutcome> Task => _completion.Task;

    public override void Execute(WriterSession session)
    {
        KeyDelta = 0;
        ByteDelta = 0;
        var exists = session.TryRead(_tenant, _key, out var id, out var oldBytes, out var blob);
        var stored = exists ? VersionCodec.Decode(blob) : [];
        if (_ifDominates && !SiblingSet.DominatesAll(stored, _single!))
        {
            // Refused without touching the row: the deltas stay zero, so a conflict is not counted as a change.
            _outcome = new WriteOutcome(WriteStatus.Conflict, stored.Count, stored);
            return;
        }

        var (merged, applied) = Merge(stored);
        if (!applied)
        {
            _outcome = new WriteOutcome(WriteStatus.Dropped, stored.Count);
            return;
        }

        if (merged.Count > session.MaxSiblings)
        {
            _outcome = new WriteOutcome(WriteStatus.SiblingLimitExceeded, stored.Count);
            return;
        }

        var encoded = VersionCodec.Encode(merged);
        var bytes = encoded.Length + Encoding.UTF8.GetByteCount(_tenant) + Encoding.UTF8.GetByteCount(_key);
        var marks = RowMarks.Of(merged, NowMicros(session.Time));
        if (exists)
        {
            session.Update(id, bytes, marks, encoded);
            ByteDelta = bytes - oldBytes;
        }
        else
        {
            session.Insert(_tenant, _key, RingPositions.Compute(_tenant, _key), bytes, marks, encoded);
            KeyDelta = 1;
            ByteDelta = bytes;
        }

        _outcome = new WriteOutcome(WriteStatus.Applied, merged.Count);
    }

    public override void Complete() => _completion.TrySetResult(_outcome);

    public override void Fail(Exception error) => _completion.TrySetException(error);

    /// <summary>Unix microseconds of the provider's current time.</summary>
    internal static long NowMicros(TimeProvider time) =>
        (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    private (IReadOnlyList<VersionedValue> Set, bool Applied) Merge(IReadOnlyList<VersionedValue> stored)
    {
        if (_single is not null)
        {
            var result = SiblingSet.Merge(stored, _single);
            return (result.Versions, result.Applied);
        }

        var set = stored;
        var applied = false;
        for (var i = 0; i < _many!.Count; i++)
        {
            var result = SiblingSet.Merge(set, _many[i]);
            if (result.Applied)
            {
                set = result.Versions;
                applied = true;
            }
        }

        return (set, applied);
    }
}
