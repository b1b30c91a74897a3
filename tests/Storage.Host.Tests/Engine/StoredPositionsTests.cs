using FluentAssertions;
using FsCheck.Fluent;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;

namespace PairDb.Storage.Tests.Engine;

public sealed class StoredPositionsTests
{
    [Fact]
    public void ToStored_AnyTwoPositions_PreservesOrderAndRoundTrips()
    {
        var positions = Gen.Choose(0, 3).SelectMany<int, ulong>(kind => kind switch
        {
            0 => Gen.Elements<ulong>(0UL, 1UL, long.MaxValue, (ulong)long.MaxValue + 1, ulong.MaxValue - 1, ulong.MaxValue),
            _ => Gen.Choose(int.MinValue, int.MaxValue).Two().Select(p => ((ulong)(uint)p.Item1 << 32) | (uint)p.Item2),
        });
        PropertyRunner.Check(301, Prop.ForAll(positions.Two().ToArbitrary(), pair =>
        {
            var (a, b) = pair;

            StoredPositions.FromStored(StoredPositions.ToStored(a)).Should().Be(a);
            StoredPositions.ToStored(a).CompareTo(StoredPositions.ToStored(b)).Should().Be(a.CompareTo(b));
        }), maxTest: 500);
    }
}
