using FluentAssertions;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Stores.Hints;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Stores.Hints;

/// <summary>The durable hint queue in DATA_DIR/hints.db: order, exact removals per node, expiry, and surviving a reopen.</summary>
public sealed class SqliteHintStoreTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ListAsync_AfterAppends_OldestFirstPerNodeWithTheWholeVersion()
    {
        // Arrange
        await using var store = SqliteHintStore.Open(_directory.Path);
        var tombstone = new VersionedValue(ReadOnlyMemory<byte>.Empty, Clock(("c1", 4), ("c2", 1)), 99, "c2", tombstone: true, expiresAtMicros: 0);
        await store.AppendAsync([Hint("n2", "k1", T0), Hint("n3", "k2", T0), Hint("n2", "k3", T0, tombstone)], CancellationToken.None);

        // Act
        var forN2 = await store.ListAsync("n2", 10, CancellationToken.None);
        var firstOnly = await store.ListAsync("n2", 1, CancellationToken.None);

        // Assert
        forN2.Select(static h => h.Hint.Key).Should().Equal("k1", "k3");
        forN2[1].Hint.Version.Should().Be(tombstone);
        forN2[0].Hint.Version.Value.ToArray().Should().Equal("value-k1"u8.ToArray());
        forN2[0].Hint.CreatedUtc.Should().Be(T0);
        forN2[0].Hint.TenantId.Should().Be("acme");
        firstOnly.Should().ContainSingle().Which.Id.Should().Be(forN2[0].Id);
    }

    [Fact]
    public async Task DeleteAsync_IdsOnceDeletedAndUnknown_ReturnsOnlyWhatItDeleted()
    {
        // Arrange
        await using var store = SqliteHintStore.Open(_directory.Path);
        await store.AppendAsync([Hint("n2", "k1", T0, bytes: 100), Hint("n2", "k2", T0, bytes: 30), Hint("n3", "k3", T0, bytes: 7)], CancellationToken.None);
        var listed = await store.ListAsync("n2", 10, CancellationToken.None);
        var n3 = (await store.ListAsync("n3", 10, CancellationToken.None))[0];

        // Act
        var first = await store.DeleteAsync("n2", [listed[0].Id], CancellationToken.None);
        var again = await store.DeleteAsync("n2", [listed[0].Id, listed[1].Id, n3.Id], CancellationToken.None);

        // Assert: the second call counts only k2; another node's id is never deleted through n2.
        first.Should().Be(new PendingHints("n2", 1, 100));
        again.Should().Be(new PendingHints("n2", 1, 30));
        (await store.PendingAsync(CancellationToken.None)).Should().Equal(new PendingHints("n3", 1, 7));
    }

    [Fact]
    public async Task ExpireAsync_HintsBeforeTheCutoff_DeletedAndReportedPerNode()
    {
        // Arrange
        await using var store = SqliteHintStore.Open(_directory.Path);
        await store.AppendAsync(
            [Hint("n2", "old-1", T0, bytes: 10), Hint("n3", "old-2", T0, bytes: 20), Hint("n2", "new", T0.AddHours(3), bytes: 40)], CancellationToken.None);

        // Act
        var expired = await store.ExpireAsync(T0.AddHours(1), CancellationToken.None);
        var nothingMore = await store.ExpireAsync(T0.AddHours(1), CancellationToken.None);

        // Assert
        expired.Should().Equal(new PendingHints("n2", 1, 10), new PendingHints("n3", 1, 20));
        nothingMore.Should().BeEmpty();
        (await store.ListAsync("n2", 10, CancellationToken.None)).Select(static h => h.Hint.Key).Should().Equal("new");
    }

    [Fact]
    public async Task DropNodeAsync_EveryHintOfTheNode_DeletedOthersKept()
    {
        // Arrange
        await using var store = SqliteHintStore.Open(_directory.Path);
        await store.AppendAsync([Hint("n2", "k1", T0, bytes: 5), Hint("n2", "k2", T0, bytes: 6), Hint("n3", "k3", T0, bytes: 7)], CancellationToken.None);

        // Act
        var dropped = await store.DropNodeAsync("n2", CancellationToken.None);
        var unknown = await store.DropNodeAsync("n9", CancellationToken.None);

        // Assert
        dropped.Should().Be(new PendingHints("n2", 2, 11));
        unknown.Should().Be(new PendingHints("n9", 0, 0));
        (await store.PendingAsync(CancellationToken.None)).Should().Equal(new PendingHints("n3", 1, 7));
    }

    [Fact]
    public async Task Open_AfterTheStoreClosed_HintsStillThere()
    {
        // Arrange
        await using (var store = SqliteHintStore.Open(_directory.Path))
        {
            await store.AppendAsync([Hint("n2", "k1", T0, bytes: 12)], CancellationToken.None);
        }

        // Act
        await using var reopened = SqliteHintStore.Open(_directory.Path);

        // Assert
        (await reopened.PendingAsync(CancellationToken.None)).Should().Equal(new PendingHints("n2", 1, 12));
        File.Exists(Path.Combine(_directory.Path, SqliteHintStore.DatabaseFileName)).Should().BeTrue();
    }

    [Fact]
    public async Task AppendAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var store = SqliteHintStore.Open(_directory.Path);
        await store.DisposeAsync();

        var append = () => store.AppendAsync([Hint("n2", "k1", T0)], CancellationToken.None);

        await append.Should().ThrowAsync<ObjectDisposedException>();
    }

    private static Hint Hint(string node, string key, DateTime created, VersionedValue? version = null, long bytes = 64) =>
        new(node, "acme", key, version ?? new VersionedValue(System.Text.Encoding.UTF8.GetBytes("value-" + key), Clock(("c1", 1)), 10, "c1", tombstone: false), created, bytes);

    private static VectorClock Clock(params (string Node, long Counter)[] entries) =>
        VectorClock.From(entries.Select(static e => new ClockEntry(e.Node, e.Counter)));
}
