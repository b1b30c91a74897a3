using FluentAssertions;
using FsCheck.Fluent;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;

namespace PairDb.Storage.Tests.Engine;

public sealed class RingPositionsTests
{
    [Theory]
    [InlineData("default", "hello", 14216869789302101852UL)]
    [InlineData("acme", "user:42", 16051760962998858098UL)]
    [InlineData("t", "é", 7500223603937352616UL)]
    public void Compute_KnownKeys_MatchSha256Prefix(string tenant, string key, ulong expected)
    {
        // Expected values computed independently: int.from_bytes(sha256(b"tenant:key")[:8], "big") in Python.
        RingPositions.Compute(tenant, key).Should().Be(expected);
    }

    [Fact]
    public void Compute_LongKey_UsesPooledBufferAndSameHash()
    {
        var key = new string('k', 1024);
        var expected = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(new string('t', 600) + ":" + key));

        RingPositions.Compute(new string('t', 600), key)
            .Should().Be(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(expected));
    }

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

            RingPositions.FromStored(RingPositions.ToStored(a)).Should().Be(a);
            RingPositions.ToStored(a).CompareTo(RingPositions.ToStored(b)).Should().Be(a.CompareTo(b));
        }), maxTest: 500);
    }
}
