using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Cores.KeyRound;

/// <summary>
/// Builds key writers over a <see cref="FakePlacement"/> with int reply handles, and writes for them; reads effects.
/// </summary>
internal static class KeyWriterKit
{
    public static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    public static readonly DateTime Deadline = Now.AddSeconds(5);

    public static readonly TimeSpan ClaimMargin = TimeSpan.FromSeconds(3);

    public static KeyWriter<int> Writer(int maxBatch = 8, int queueCapacity = 16, FakePlacement? placement = null, int maxClockEntries = 10) =>
        new(new KeyWriterSettings(TestData.CoordinatorId, maxClockEntries, maxBatch, queueCapacity, ClaimMargin), placement ?? new FakePlacement());

    /// <summary>A write of <paramref name="value"/>; with <paramref name="idempotencyKey"/> it is the client's (claimed).</summary>
    public static WriteKey Write(
        string value,
        string? idempotencyKey = null,
        Consistency consistency = Consistency.Quorum,
        int replicationFactor = 3,
        DateTime? deadline = null) =>
        new(TestData.Tenant, TestData.Key, System.Text.Encoding.UTF8.GetBytes(value), Tombstone: false, consistency, replicationFactor,
            idempotencyKey ?? "generated-" + value, ClientIdempotencyKey: idempotencyKey is not null, deadline ?? Deadline);

    /// <summary>The fingerprint the writer claims with for <paramref name="write"/>.</summary>
    public static string Fingerprint(WriteKey write) => RequestFingerprint.Of(write);

    public static IReadOnlyList<(int ReplyTo, WriteReply Reply)> Answers(this IReadOnlyList<KeyWriterEffect<int>> effects) =>
        effects.OfType<KeyWriterEffect<int>.Answer>().Select(a => (a.ReplyTo, a.Reply)).ToList();

    public static T Single<T>(this IReadOnlyList<KeyWriterEffect<int>> effects)
        where T : KeyWriterEffect<int> =>
        effects.OfType<T>().Should().ContainSingle().Subject;

    public static WriteSucceeded SucceededFor(this IReadOnlyList<KeyWriterEffect<int>> effects, int replyTo) =>
        effects.Answers().Should().ContainSingle(a => a.ReplyTo == replyTo).Subject.Reply.Should().BeOfType<WriteSucceeded>().Subject;

    public static WriteFailed FailedFor(this IReadOnlyList<KeyWriterEffect<int>> effects, int replyTo) =>
        effects.Answers().Should().ContainSingle(a => a.ReplyTo == replyTo).Subject.Reply.Should().BeOfType<WriteFailed>().Subject;

    /// <summary>Runs a whole read-first round of one write to success, leaving the writer idle with a last stamp.</summary>
    public static WriteSucceeded CompleteFirstRound(KeyWriter<int> writer, int replyTo = 0)
    {
        writer.Submit(Write("first"), replyTo, Now).Single<KeyWriterEffect<int>.ReadCurrent>();
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now).Single<KeyWriterEffect<int>.Replicate>();
        var succeeded = writer.OnReplicated(new WriteQuorumReached(3), Now).SucceededFor(replyTo);
        writer.OnSettled(Now).Should().BeEmpty();
        writer.State.Should().Be(KeyWriterState.Idle);
        return succeeded;
    }

    public static string Text(VersionedValue version) => System.Text.Encoding.UTF8.GetString(version.Value.Span);
}
