using FluentAssertions;
using PairDb.Coordinator.RateLimits;

namespace PairDb.Coordinator.Tests.RateLimits;

public sealed class BoundedLabelsTests
{
    [Fact]
    public void Of_MoreNamesThanTheCapacity_LaterOnesShareTheOverflowLabel()
    {
        var labels = new BoundedLabels(2, ":other");

        var seen = new[] { "a", "b", "c", "a", "d", "b" }.Select(labels.Of).ToList();

        seen.Should().Equal("a", "b", ":other", "a", ":other", "b");
    }

    [Fact]
    public void Of_ZeroCapacity_EveryNameIsTheOverflowLabel() =>
        new BoundedLabels(0, ":other").Of("a").Should().Be(":other");

    [Fact]
    public void Of_ConcurrentFirstSightings_NameNoMoreThanTheCapacity()
    {
        var labels = new BoundedLabels(10, ":other");

        var named = Enumerable.Range(0, 1000).AsParallel().Select(i => labels.Of("t" + i)).Where(label => label != ":other").Distinct().Count();

        named.Should().Be(10);
    }
}
