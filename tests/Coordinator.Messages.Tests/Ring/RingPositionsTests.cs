using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using PairDb.Messages.Ring;

namespace PairDb.Messages.Tests.Ring;

public sealed class RingPositionsTests
{
    [Fact]
    public void Compute_DefaultHello_MatchesSha256sum()
    {
        // printf 'default:hello' | sha256sum -> c54c77bfc955975c a8c40f98...
        var position = RingPositions.Compute("default", "hello");

        position.Should().Be(0xC54C77BFC955975CUL);
    }

    [Fact]
    public void Compute_NonAscii_HashesUtf8()
    {
        // python: hashlib.sha256('tenant-é:ключ'.encode()).digest()[:8], big-endian
        RingPositions.Compute("tenant-é", "ключ").Should().Be(3120681181516984252UL);
    }

    [Fact]
    public void Compute_ColonInKey_HashesTheJoinedString()
    {
        // Both encode "acme:üü:ü"; tenant ids cannot hold ':' (validated), so real keys never collide this way.
        RingPositions.Compute("acme:üü", "ü").Should().Be(RingPositions.Compute("acme", "üü:ü"));
        RingPositions.Compute("acme", "a").Should().NotBe(RingPositions.Compute("acm", "ea"));
    }

    [Fact]
    public void Compute_KeysBeyondStackBuffer_MatchIndependentHash()
    {
        RingPositions.Compute("t", new string('k', 2000)).Should().Be(6890147640481244753UL);
        RingPositions.Compute("acme", new string('ü', 600)).Should().Be(5180250565389392889UL);
    }

    [Fact]
    public void VirtualNode_KnownVectors_MatchIndependentHash()
    {
        RingPositions.VirtualNode("node-1", 0).Should().Be(14321955307687299189UL);
        RingPositions.VirtualNode("a", 0).Should().Be(1218877499912790012UL);
        RingPositions.VirtualNode("b", 1).Should().Be(17950127544155773562UL);
    }

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
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(new string('t', 600) + ":" + key));

        RingPositions.Compute(new string('t', 600), key)
            .Should().Be(BinaryPrimitives.ReadUInt64BigEndian(expected));
    }
}
