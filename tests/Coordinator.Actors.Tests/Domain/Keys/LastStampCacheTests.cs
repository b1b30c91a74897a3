using FluentAssertions;
using PairDb.Actors.Keys;
using PairDb.Actors.Tests.Domain.Support;

namespace PairDb.Actors.Tests.Domain.Keys;

/// <summary>The last stamps stopped key actors leave: taken once, value dropped, bounded with the oldest put evicted.</summary>
public sealed class LastStampCacheTests
{
    [Fact]
    public void Take_AfterPut_ReturnsTheStampWithoutItsValueOnce()
    {
        // Arrange
        var cache = new LastStampCache(capacity: 10);
        var stamp = TestData.Version("value", 7, ("coord-a", 3));
        cache.Put("t", "k", stamp);

        // Act
        var taken = cache.Take("t", "k");
        var again = cache.Take("t", "k");

        // Assert: the clock is what matters, the value is not kept; a stamp is handed to one actor only.
        taken!.Clock.Should().Be(stamp.Clock);
        taken.TimestampMicros.Should().Be(7);
        taken.Value.IsEmpty.Should().BeTrue();
        again.Should().BeNull();
        cache.Count.Should().Be(0);
    }

    [Fact]
    public void Take_NothingPut_Null()
    {
        new LastStampCache(capacity: 10).Take("t", "k").Should().BeNull();
    }

    [Fact]
    public void Put_SameKeyTwice_TheLaterStampWins()
    {
        // Arrange
        var cache = new LastStampCache(capacity: 10);
        cache.Put("t", "k", TestData.Version("a", 1, ("coord-a", 1)));

        // Act
        cache.Put("t", "k", TestData.Version("b", 2, ("coord-a", 2)));

        // Assert
        cache.Count.Should().Be(1);
        cache.Take("t", "k")!.Clock.Get("coord-a").Should().Be(2);
    }

    [Fact]
    public void Put_PastTheCapacity_TheOldestPutIsEvicted()
    {
        // Arrange
        var cache = new LastStampCache(capacity: 2);
        cache.Put("t", "k1", TestData.Version("a", 1, ("coord-a", 1)));
        cache.Put("t", "k2", TestData.Version("a", 1, ("coord-a", 1)));
        cache.Put("t", "k1", TestData.Version("a", 2, ("coord-a", 2)));

        // Act: k2 is now the oldest put.
        cache.Put("t", "k3", TestData.Version("a", 1, ("coord-a", 1)));

        // Assert
        cache.Count.Should().Be(2);
        cache.Take("t", "k2").Should().BeNull();
        cache.Take("t", "k1").Should().NotBeNull();
        cache.Take("t", "k3").Should().NotBeNull();
    }

    [Fact]
    public void Put_TenantsAreApart_NeitherAnotherTenantsKeyNorTheSameJoinedTextIsTaken()
    {
        // Arrange
        var cache = new LastStampCache(capacity: 10);
        cache.Put("t1", "k", TestData.Version("a", 1, ("coord-a", 1)));

        // Act / Assert: ("t", "1k") joins to the same text as ("t1", "k").
        cache.Take("t2", "k").Should().BeNull();
        cache.Take("t", "1k").Should().BeNull();
        cache.Take("t1", "k").Should().NotBeNull();
    }

    [Fact]
    public async Task PutAndTake_FromManyThreads_EveryStampTakenAtMostOnceAndTheBoundHolds()
    {
        // Arrange
        var cache = new LastStampCache(capacity: 100);
        var taken = 0;

        // Act: 8 threads each put and take 1,000 keys of their own.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                var key = $"{thread}-{i}";
                cache.Put("t", key, TestData.Version("a", i, ("coord-a", i + 1)));
                if (cache.Take("t", key) is not null)
                {
                    Interlocked.Increment(ref taken);
                }

                cache.Count.Should().BeLessThanOrEqualTo(100);
            }
        })));

        // Assert: every stamp put was either taken by its own thread or evicted, never left behind twice.
        taken.Should().BeGreaterThan(0);
        cache.Count.Should().Be(0);
    }
}
