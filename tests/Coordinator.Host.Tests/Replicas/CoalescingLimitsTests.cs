using FluentAssertions;
using PairDb.Coordinator.Replicas;

namespace PairDb.Coordinator.Tests.Replicas;

public sealed class CoalescingLimitsTests
{
    private static readonly CoalescingLimits Limits = new(MaxBatch: 3, MaxBatchBytes: 100);

    [Theory]
    [InlineData(0, 0, 1, true)]
    [InlineData(0, 0, 10_000, true)]
    [InlineData(1, 60, 40, true)]
    [InlineData(1, 60, 41, false)]
    [InlineData(1, 10_000, 1, false)]
    [InlineData(2, 10, 10, true)]
    [InlineData(3, 10, 10, false)]
    public void Admits_BatchSoFarAndNextCall_WithinCountAndBytesOrFirst(int count, long bytes, int nextBytes, bool admitted)
    {
        Limits.Admits(count, bytes, nextBytes).Should().Be(admitted);
    }
}
