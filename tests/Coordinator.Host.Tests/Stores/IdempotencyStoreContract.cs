using FluentAssertions;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Stores;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Stores;

/// <summary>
/// What every <see cref="IIdempotencyStore"/> must do, whatever its backing (embedded SQLite, Redis, ...). By default
/// time is a manual clock handed to the store, so expiry is tested by moving it, never by waiting. A store that keeps
/// its own time (Redis TTLs) overrides <see cref="Options"/>, <see cref="Slack"/> and <see cref="AdvanceAsync"/> with
/// short real durations; every expiry test is written in those terms.
/// </summary>
public abstract partial class IdempotencyStoreContract : IAsyncLifetime
{
    /// <summary>The production durations, for stores driven by <see cref="Time"/>.</summary>
    protected static readonly IdempotencyStoreOptions ProductionOptions = new()
    {
        Retention = TimeSpan.FromHours(24),
    };

    private static readonly IdempotentWriteResult Result = new(
        VectorClock.From([new ClockEntry("coord-a", 3), new ClockEntry("coord-b", 1), new ClockEntry("coord-c", 12)]), 2, Consistency.All);

    private readonly List<IIdempotencyStore> _opened = [];

    protected ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Retention and sweeping the stores of this test run with.</summary>
    protected virtual IdempotencyStoreOptions Options => ProductionOptions;

    /// <summary>How long each claim of these tests is held.</summary>
    protected virtual TimeSpan ClaimHold => TimeSpan.FromSeconds(30);

    /// <summary>The store's present: the manual clock, or the real one for a store that keeps its own time.</summary>
    protected virtual DateTime Now => Time.GetUtcNow().UtcDateTime;

    /// <summary>When a claim made now lapses.</summary>
    protected DateTime HeldUntil => Now + ClaimHold;

    /// <summary>How far before or after an expiry the tests look; well under half of either duration in <see cref="Options"/>.</summary>
    protected virtual TimeSpan Slack => TimeSpan.FromSeconds(1);

    /// <summary>Lets <paramref name="by"/> pass for the store: moves the manual clock (a real-time store waits instead).</summary>
    protected virtual Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        return Task.CompletedTask;
    }

    /// <summary>A new store over this test's backing data (every call within a test sees the same data), reading time from <paramref name="time"/>.</summary>
    protected abstract Task<IIdempotencyStore> CreateStoreAsync(TimeProvider time, IdempotencyStoreOptions options);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await StoreLifetime.CloseAsync(store);
        }
    }

    [Fact]
    public async Task ClaimAsync_FreeKey_ReturnsClaimed()
    {
        var store = await OpenAsync();

        var claim = await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        claim.Should().BeOfType<IdempotencyClaim.Claimed>();
    }

    [Fact]
    public async Task ClaimAsync_AfterComplete_ReturnsCompletedWithFingerprintAndResult()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);
        await store.CompleteAsync("t1", "k1", "fp-a", Result, CancellationToken.None);

        var same = await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);
        var different = await store.ClaimAsync("t1", "k1", "fp-b", HeldUntil, CancellationToken.None);

        same.Should().Be(new IdempotencyClaim.Completed("fp-a", Result));
        different.Should().Be(new IdempotencyClaim.Completed("fp-a", Result));
    }

    [Fact]
    public async Task ClaimAsync_WhileClaimed_ReturnsInProgressWithTheHoldersFingerprint()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        var second = await store.ClaimAsync("t1", "k1", "fp-b", HeldUntil, CancellationToken.None);

        second.Should().Be(new IdempotencyClaim.InProgress("fp-a"));
    }

    [Fact]
    public async Task ClaimAsync_SameKeyOtherTenant_IsIndependent()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        var other = await store.ClaimAsync("t2", "k1", "fp-b", HeldUntil, CancellationToken.None);

        other.Should().BeOfType<IdempotencyClaim.Claimed>();
    }

    [Fact]
    public async Task ReleaseAsync_OwnClaim_MakesTheKeyClaimableAgain()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        await store.ReleaseAsync("t1", "k1", "fp-a", CancellationToken.None);
        var retry = await store.ClaimAsync("t1", "k1", "fp-b", HeldUntil, CancellationToken.None);

        retry.Should().BeOfType<IdempotencyClaim.Claimed>();
    }

    [Fact]
    public async Task ReleaseAsync_WrongFingerprint_LeavesTheClaim()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        await store.ReleaseAsync("t1", "k1", "fp-b", CancellationToken.None);
        var retry = await store.ClaimAsync("t1", "k1", "fp-c", HeldUntil, CancellationToken.None);

        retry.Should().Be(new IdempotencyClaim.InProgress("fp-a"));
    }

    [Fact]
    public async Task ReleaseAsync_CompletedRecord_KeepsTheRecord()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);
        await store.CompleteAsync("t1", "k1", "fp-a", Result, CancellationToken.None);

        await store.ReleaseAsync("t1", "k1", "fp-a", CancellationToken.None);
        var retry = await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        retry.Should().Be(new IdempotencyClaim.Completed("fp-a", Result));
    }

    [Fact]
    public async Task ClaimAsync_JustBeforeRetentionEnds_StillReturnsCompleted()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);
        await store.CompleteAsync("t1", "k1", "fp-a", Result, CancellationToken.None);

        await AdvanceAsync(Options.Retention - Slack);
        var claim = await store.ClaimAsync("t1", "k1", "fp-b", HeldUntil, CancellationToken.None);

        claim.Should().Be(new IdempotencyClaim.Completed("fp-a", Result));
    }

    [Fact]
    public async Task ClaimAsync_AfterRetention_ReturnsClaimed()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);
        await store.CompleteAsync("t1", "k1", "fp-a", Result, CancellationToken.None);

        await AdvanceAsync(Options.Retention + Slack);
        var claim = await store.ClaimAsync("t1", "k1", "fp-b", HeldUntil, CancellationToken.None);

        claim.Should().BeOfType<IdempotencyClaim.Claimed>();
    }

    [Fact]
    public async Task ClaimAsync_PendingClaimBeforeItLapses_ReturnsInProgress()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        await AdvanceAsync(ClaimHold - Slack);
        var claim = await store.ClaimAsync("t1", "k1", "fp-b", HeldUntil, CancellationToken.None);

        claim.Should().Be(new IdempotencyClaim.InProgress("fp-a"));
    }

    [Fact]
    public async Task ClaimAsync_AbandonedClaimAfterItLapsed_ReturnsClaimed()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        await AdvanceAsync(ClaimHold + Slack);
        var claim = await store.ClaimAsync("t1", "k1", "fp-b", HeldUntil, CancellationToken.None);
        var next = await store.ClaimAsync("t1", "k1", "fp-c", HeldUntil, CancellationToken.None);

        claim.Should().BeOfType<IdempotencyClaim.Claimed>();
        next.Should().Be(new IdempotencyClaim.InProgress("fp-b"));
    }

    [Fact]
    public async Task ClaimAsync_HeldUntilAlreadyPassed_StillHoldsTheKeyBriefly()
    {
        var store = await OpenAsync();

        var claim = await store.ClaimAsync("t1", "k1", "fp-a", Now - TimeSpan.FromMinutes(1), CancellationToken.None);
        var next = await store.ClaimAsync("t1", "k1", "fp-b", HeldUntil, CancellationToken.None);
        await AdvanceAsync(Slack);
        var later = await store.ClaimAsync("t1", "k1", "fp-c", HeldUntil, CancellationToken.None);

        claim.Should().BeOfType<IdempotencyClaim.Claimed>();
        next.Should().BeOneOf(new IdempotencyClaim.InProgress("fp-a"), new IdempotencyClaim.Claimed());
        later.Should().Be(next is IdempotencyClaim.Claimed ? new IdempotencyClaim.InProgress("fp-b") : new IdempotencyClaim.Claimed());
    }

    [Fact]
    public async Task CompleteAsync_ClaimTakenOverAfterAbandonment_LeavesTheNewClaim()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);
        await AdvanceAsync(ClaimHold + Slack);
        await store.ClaimAsync("t1", "k1", "fp-b", HeldUntil, CancellationToken.None);

        await store.CompleteAsync("t1", "k1", "fp-a", Result, CancellationToken.None);
        var claim = await store.ClaimAsync("t1", "k1", "fp-c", HeldUntil, CancellationToken.None);

        claim.Should().Be(new IdempotencyClaim.InProgress("fp-b"));
    }

    [Fact]
    public async Task CompleteAsync_RecordKeptForRetentionFromCompletion_NotFromClaim()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);
        await AdvanceAsync(Slack * 2);
        await store.CompleteAsync("t1", "k1", "fp-a", Result, CancellationToken.None);

        await AdvanceAsync(Options.Retention - Slack);
        var claim = await store.ClaimAsync("t1", "k1", "fp-a", HeldUntil, CancellationToken.None);

        claim.Should().Be(new IdempotencyClaim.Completed("fp-a", Result));
    }

    [Fact]
    public async Task Reopen_AfterDispose_KeepsCompletedRecordsAndClaims()
    {
        var store = await OpenAsync();
        await store.ClaimAsync("t1", "done", "fp-a", HeldUntil, CancellationToken.None);
        await store.CompleteAsync("t1", "done", "fp-a", Result, CancellationToken.None);
        await store.ClaimAsync("t1", "pending", "fp-p", HeldUntil, CancellationToken.None);
        await StoreLifetime.CloseAsync(store);

        var reopened = await OpenAsync();
        var done = await reopened.ClaimAsync("t1", "done", "fp-b", HeldUntil, CancellationToken.None);
        var pending = await reopened.ClaimAsync("t1", "pending", "fp-q", HeldUntil, CancellationToken.None);

        done.Should().Be(new IdempotencyClaim.Completed("fp-a", Result));
        pending.Should().Be(new IdempotencyClaim.InProgress("fp-p"));
    }

    [Fact]
    public async Task ClaimAsync_EightConcurrentTasks_ExactlyOneClaims()
    {
        var store = await OpenAsync();
        using var start = new ManualResetEventSlim();
        var attempts = new Task<IdempotencyClaim>[8];
        for (var i = 0; i < attempts.Length; i++)
        {
            var fingerprint = "fp-" + i;
            attempts[i] = Task.Run(() =>
            {
                start.Wait();
                return store.ClaimAsync("t1", "contended", fingerprint, HeldUntil, CancellationToken.None);
            });
        }

        start.Set();
        var claims = await Task.WhenAll(attempts);

        var winner = Array.FindIndex(claims, c => c is IdempotencyClaim.Claimed);
        winner.Should().BeGreaterThanOrEqualTo(0);
        claims.Count(c => c is IdempotencyClaim.Claimed).Should().Be(1);
        claims.Where((_, i) => i != winner).Should().AllBeEquivalentTo(new IdempotencyClaim.InProgress("fp-" + winner));
    }

    /// <summary>A store created by the subclass on the test's manual clock, closed when the test ends.</summary>
    protected async Task<IIdempotencyStore> OpenAsync()
    {
        var store = await CreateStoreAsync(Time, Options);
        _opened.Add(store);
        return store;
    }
}
