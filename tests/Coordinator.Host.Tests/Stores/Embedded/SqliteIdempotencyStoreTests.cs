using FluentAssertions;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Stores;
using PairDb.Coordinator.Stores.Embedded;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Stores.Embedded;

/// <summary>The idempotency contract against the embedded SQLite store, plus its file and sweep behaviour.</summary>
public sealed class SqliteIdempotencyStoreTests : IdempotencyStoreContract
{
    private static readonly IdempotentWriteResult Result = new(VectorClock.Empty.Increment("coord-a"), 3, Consistency.Quorum);

    private readonly TestDirectory _directory = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Open_NewFolder_CreatesIdempotencyDb()
    {
        await OpenAsync();

        File.Exists(Path.Combine(_directory.Path, "idempotency.db")).Should().BeTrue();
    }

    [Fact]
    public async Task SweepAsync_ExpiredRecords_DeletesAtMostOneBatchPerSweep()
    {
        using var store = SqliteIdempotencyStore.Open(_directory.Path, Options with { SweepBatchSize = 2, SweepInterval = TimeSpan.FromDays(30) }, Time);
        foreach (var key in new[] { "a", "b", "c" })
        {
            await store.ClaimAsync("t1", key, "fp", HeldUntil, CancellationToken.None);
            await store.CompleteAsync("t1", key, "fp", Result, CancellationToken.None);
        }

        await store.ClaimAsync("t1", "abandoned", "fp", HeldUntil, CancellationToken.None);
        Time.Advance(Options.Retention + TimeSpan.FromSeconds(1));
        await store.ClaimAsync("t1", "live", "fp", HeldUntil, CancellationToken.None);

        var counts = new[]
        {
            await store.SweepAsync(CancellationToken.None),
            await store.SweepAsync(CancellationToken.None),
            await store.SweepAsync(CancellationToken.None),
        };

        counts.Should().Equal(2, 2, 0);
        store.SweptRecords.Should().Be(4);
        (await store.ClaimAsync("t1", "live", "fp-other", HeldUntil, CancellationToken.None)).Should().Be(new IdempotencyClaim.InProgress("fp"));
    }

    [Fact]
    public async Task SweepAsync_NothingExpired_DeletesNothing()
    {
        using var store = SqliteIdempotencyStore.Open(_directory.Path, Options, Time);
        await store.ClaimAsync("t1", "k1", "fp", HeldUntil, CancellationToken.None);
        await store.CompleteAsync("t1", "k1", "fp", Result, CancellationToken.None);

        var deleted = await store.SweepAsync(CancellationToken.None);

        deleted.Should().Be(0);
        (await store.ClaimAsync("t1", "k1", "fp", HeldUntil, CancellationToken.None)).Should().Be(new IdempotencyClaim.Completed("fp", Result));
    }

    [Fact]
    public async Task PeriodicSweep_TimeAdvancesPastRetention_DeletesExpiredRecords()
    {
        using var store = SqliteIdempotencyStore.Open(_directory.Path, Options with { SweepInterval = TimeSpan.FromMinutes(10) }, Time);
        await store.ClaimAsync("t1", "k1", "fp", HeldUntil, CancellationToken.None);
        await store.CompleteAsync("t1", "k1", "fp", Result, CancellationToken.None);

        Time.Advance(Options.Retention + TimeSpan.FromMinutes(10));

        // The sweep runs on the timer's thread; wait for it with a generous bound (this asserts that it happens, not how fast).
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (store.SweptRecords == 0 && !deadline.IsCancellationRequested)
        {
            await Task.Delay(10, CancellationToken.None);
        }

        store.SweptRecords.Should().Be(1);
    }

    [Fact]
    public async Task Open_SchemaOneFile_AddsTheStampColumnsAndKeepsItsRecords()
    {
        // A file as schema 1 left it: one pending claim and one completed record, no held_until or stamp columns.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Path.Combine(_directory.Path, SqliteIdempotencyStore.DatabaseFileName)))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            var expires = SqliteDatabaseMicros(HeldUntil);
            command.CommandText = $"""
                CREATE TABLE idempotency_records (tenant_id TEXT NOT NULL, idempotency_key TEXT NOT NULL, fingerprint TEXT NOT NULL,
                    completed INTEGER NOT NULL, claimed_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, result BLOB,
                    PRIMARY KEY (tenant_id, idempotency_key));
                INSERT INTO idempotency_records VALUES ('t1', 'pending', 'fp-a', 0, 0, {expires}, NULL);
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var store = SqliteIdempotencyStore.Open(_directory.Path, Options, Time);

        (await store.ClaimAsync("t1", "pending", "fp-b", HeldUntil, CancellationToken.None)).Should().Be(new IdempotencyClaim.InProgress("fp-a"));
        (await store.ClaimAsync("t1", "fresh", "fp-a", HeldUntil, CancellationToken.None)).Should().Be(new IdempotencyClaim.Claimed());
        (await store.RecordStampAsync("t1", "fresh", "fp-a", new RecordedStamp(VectorClock.Empty, VectorClock.Empty, 1, "c"), CancellationToken.None))
            .Should().BeTrue();
    }

    [Fact]
    public void Open_InvalidOptions_Throws()
    {
        var act = () => SqliteIdempotencyStore.Open(_directory.Path, Options with { Retention = TimeSpan.Zero }, Time);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Retention");
    }

    [Fact]
    public async Task ClaimAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var store = SqliteIdempotencyStore.Open(_directory.Path, Options, Time);
        await store.DisposeAsync();

        var act = () => store.ClaimAsync("t1", "k1", "fp", HeldUntil, CancellationToken.None);

        await act.Should().ThrowAsync<ObjectDisposedException>();
    }

    private static long SqliteDatabaseMicros(DateTime time) => (time - DateTime.UnixEpoch).Ticks / 10;

    protected override Task<IIdempotencyStore> CreateStoreAsync(TimeProvider time, IdempotencyStoreOptions options) =>
        Task.FromResult<IIdempotencyStore>(SqliteIdempotencyStore.Open(_directory.Path, options, time));
}
