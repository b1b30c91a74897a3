using FluentAssertions;
using PairDb.Coordinator.Security;

namespace PairDb.Coordinator.Tests.Security;

public sealed class TokenCacheTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(T0);
    private readonly Dictionary<string, StoredToken> _store = new(StringComparer.Ordinal);
    private int _reads;

    [Fact]
    public async Task GetAsync_WithinTtl_ReadsTheStoreOnceThenAgainAfterTheTtl()
    {
        // Arrange
        var stored = Add();
        var cache = NewCache(TimeSpan.FromSeconds(30));

        // Act
        await cache.GetAsync(stored.Token.TokenId, CancellationToken.None);
        await cache.GetAsync(stored.Token.TokenId, CancellationToken.None);
        var readsWithinTtl = _reads;
        _time.Advance(TimeSpan.FromSeconds(31));
        await cache.GetAsync(stored.Token.TokenId, CancellationToken.None);

        // Assert
        readsWithinTtl.Should().Be(1);
        _reads.Should().Be(2);
    }

    [Fact]
    public async Task Invalidate_RevokedInTheStore_NextLookupSeesTheRevocation()
    {
        // Arrange
        var stored = Add();
        var cache = NewCache(TimeSpan.FromHours(1));
        await cache.GetAsync(stored.Token.TokenId, CancellationToken.None);
        _store[stored.Token.TokenId] = stored with { Token = stored.Token with { RevokedAt = T0 } };

        // Act
        var beforeInvalidate = await cache.GetAsync(stored.Token.TokenId, CancellationToken.None);
        cache.Invalidate(stored.Token.TokenId);
        var afterInvalidate = await cache.GetAsync(stored.Token.TokenId, CancellationToken.None);

        // Assert
        beforeInvalidate!.Token.RevokedAt.Should().BeNull("the TTL alone keeps the cached entry");
        afterInvalidate!.Token.RevokedAt.Should().Be(T0);
    }

    [Fact]
    public async Task GetAsync_UnknownIdsBeyondTheBound_KeepsKnownTokensCached()
    {
        // Arrange
        var stored = Add();
        var cache = NewCache(TimeSpan.FromHours(1), maxEntries: 2);
        await cache.GetAsync(stored.Token.TokenId, CancellationToken.None);

        // Act
        for (var i = 0; i < 10; i++)
        {
            (await cache.GetAsync(i.ToString("x16", System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None)).Should().BeNull();
        }

        var readsBefore = _reads;
        await cache.GetAsync(stored.Token.TokenId, CancellationToken.None);

        // Assert
        _reads.Should().Be(readsBefore, "unknown ids are cached apart and cannot push a known token out");
    }

    private StoredToken Add()
    {
        var stored = TokenSecrets.Create("acme", T0).Stored;
        _store[stored.Token.TokenId] = stored;
        return stored;
    }

    private TokenCache NewCache(TimeSpan ttl, int maxEntries = 100) => new(
        (id, _) =>
        {
            _reads++;
            return Task.FromResult(_store.GetValueOrDefault(id));
        },
        _time,
        ttl,
        maxEntries);
}
