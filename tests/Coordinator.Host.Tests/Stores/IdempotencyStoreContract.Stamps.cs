using FluentAssertions;
using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Stores;

/// <summary>The contract's recorded stamps: kept in a claim past its lapse, handed to the retry of the same request that takes it over.</summary>
public abstract partial class IdempotencyStoreContract
{
    private static readonly RecordedStamp Stamp = new(
        VectorClock.From([new ClockEntry("coord-a", 4)]),
        VectorClock.From([new ClockEntry("coord-a", 5), new ClockEntry("coord-b", 2)]),
        1_764_000_000_000_123,
        "coord-a");

    [Fact]
    public async Task RecordStampAsync_OwnLiveClaim_RecordedAndTheRetryThatTakesItOverAfterItLapsesGetsIt()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        var recorded = await store.RecordStampAsync("t1", "k1", "fp-a", Stamp, CancellationToken.None);
        await AdvanceAsync(ClaimHold + Slack);
        var retry = await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);
        var other = await store.ClaimAsync("t1", "k1", "fp-b", HeldUntil, CancellationToken.None);

        recorded.Should().BeTrue();
        retry.Should().Be(new IdempotencyClaim.Claimed(Stamp));
        other.Should().Be(new IdempotencyClaim.InProgress("fp-a"), "the retry holds the key again");
    }

    [Fact]
    public async Task RecordStampAsync_NoClaimOrAnotherRequestsClaim_NotRecorded()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        var unclaimed = await store.RecordStampAsync("t1", "k2", "fp-a", Stamp, CancellationToken.None);
        var otherRequest = await store.RecordStampAsync("t1", "k1", "fp-b", Stamp, CancellationToken.None);

        unclaimed.Should().BeFalse();
        otherRequest.Should().BeFalse();
    }

    [Fact]
    public async Task RecordStampAsync_AfterTheClaimLapsed_NotRecorded()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        await AdvanceAsync(ClaimHold + Slack);
        var recorded = await store.RecordStampAsync("t1", "k1", "fp-a", Stamp, CancellationToken.None);

        recorded.Should().BeFalse();
    }

    [Fact]
    public async Task ClaimAsync_StampedClaimBeforeItLapses_ReturnsInProgress()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);
        await store.RecordStampAsync("t1", "k1", "fp-a", Stamp, CancellationToken.None);

        await AdvanceAsync(ClaimHold - Slack);
        var claim = await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        claim.Should().Be(new IdempotencyClaim.InProgress("fp-a"));
    }

    [Fact]
    public async Task ClaimAsync_LapsedStampedClaimOfAnotherRequest_ClaimedWithoutTheStamp()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);
        await store.RecordStampAsync("t1", "k1", "fp-a", Stamp, CancellationToken.None);

        await AdvanceAsync(ClaimHold + Slack);
        var claim = await store.ClaimAsync("t1", "k1", "fp-b", HeldUntil, CancellationToken.None);

        claim.Should().Be(new IdempotencyClaim.Claimed());
    }

    [Fact]
    public async Task ReleaseAsync_StampedClaim_LapsesAtOnceAndTheRetryGetsTheStamp()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);
        await store.RecordStampAsync("t1", "k1", "fp-a", Stamp, CancellationToken.None);

        await store.ReleaseAsync("t1", "k1", "fp-a", CancellationToken.None);
        var retry = await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        retry.Should().Be(new IdempotencyClaim.Claimed(Stamp));
    }

    [Fact]
    public async Task ClaimAsync_TakeoverThatDiesToo_TheNextRetryStillGetsTheStamp()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);
        await store.RecordStampAsync("t1", "k1", "fp-a", Stamp, CancellationToken.None);
        await AdvanceAsync(ClaimHold + Slack);
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        await AdvanceAsync(ClaimHold + Slack);
        var retry = await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        retry.Should().Be(new IdempotencyClaim.Claimed(Stamp));
    }

    [Fact]
    public async Task CompleteAsync_StampedClaim_ReplaysTheResult()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);
        await store.RecordStampAsync("t1", "k1", "fp-a", Stamp, CancellationToken.None);
        var result = new IdempotentWriteResult(Stamp.WriteClock, 3, Consistency.Quorum);

        await store.CompleteAsync("t1", "k1", "fp-a", result, CancellationToken.None);
        var claim = await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        claim.Should().Be(new IdempotencyClaim.Completed("fp-a", result));
    }
}
