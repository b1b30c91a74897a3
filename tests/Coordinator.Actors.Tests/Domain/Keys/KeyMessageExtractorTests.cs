using FluentAssertions;
using PairDb.Actors.Keys;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Keys;

/// <summary>
/// Where the key region sends a message: a stable shard per (tenant, key), the same whether computed from the message
/// or from the entity id, and nowhere for a message that names no key.
/// </summary>
public sealed class KeyMessageExtractorTests
{
    private readonly KeyMessageExtractor _extractor = new();

    /// <summary>
    /// Computed once (64-bit FNV-1a over UTF-8 "tenant:key", modulo 100, by an independent implementation): a change
    /// here moves keys between shards, which every coordinator of a cluster must agree on.
    /// </summary>
    [Theory]
    [InlineData("acme", "user:42", 36)]
    [InlineData("acme", "user:43", 47)]
    [InlineData("t", "k0", 40)]
    [InlineData("tenant-1", "ключ-🔑", 12)]
    [InlineData("a", "", 46)]
    public void ShardOf_FixedPairs_StableValues(string tenantId, string key, int expected)
    {
        // Act
        var shard = KeyShards.ShardOf(tenantId, key);
        var fromEntityId = KeyShards.ShardOf(KeyShards.EntityId(tenantId, key));

        // Assert
        shard.Should().Be(expected);
        fromEntityId.Should().Be(expected);
    }

    [Theory]
    [InlineData("acme", "user:42")]
    [InlineData("t", "a:b:c")]
    [InlineData("tenant-1", "ключ-🔑")]
    public void ShardId_MessageAndItsEntityId_Agree(string tenantId, string key)
    {
        // Arrange: a key with colons too, since only the tenant id is colon-free.
        var write = Write(tenantId, key);

        // Act
        var entityId = _extractor.EntityId(write);
        var fromMessage = _extractor.ShardId(write);
        var fromEntity = _extractor.ShardId(entityId!);

        // Assert
        entityId.Should().Be(tenantId + ":" + key);
        fromMessage.Should().Be(fromEntity).And.Be(KeyShards.ShardOf(tenantId, key).ToString(System.Globalization.CultureInfo.InvariantCulture));
        _extractor.EntityMessage(write).Should().BeSameAs(write);
        _extractor.ShardId(new ReadKey(tenantId, key, Consistency.Quorum, 3, DateTime.UtcNow)).Should().Be(fromMessage);
    }

    [Fact]
    public void ShardId_EveryKey_WithinTheShardCount()
    {
        // Act
        var shards = Enumerable.Range(0, 2000).Select(i => KeyShards.ShardOf("t", "k" + i)).ToArray();

        // Assert: in range, and spread over (nearly) all of them.
        shards.Should().OnlyContain(shard => shard >= 0 && shard < KeyShards.ShardCount);
        shards.Distinct().Count().Should().BeGreaterThan(KeyShards.ShardCount * 9 / 10);
    }

    [Fact]
    public void EntityIdAndShardId_MessagesNamingNoKey_NotRouted()
    {
        // Arrange
        object[] unrouted = ["hello", 42, StopKey.Instance, new object()];

        // Act / Assert
        foreach (var message in unrouted)
        {
            _extractor.EntityId(message).Should().BeNull("{0} names no key", message);
            _extractor.ShardId(message).Should().BeNull("{0} names no key", message);
        }
    }

    [Fact]
    public void ShardOf_EntityIdWithoutATenant_Throws()
    {
        // Act
        var shard = () => KeyShards.ShardOf("no-colon");

        // Assert
        shard.Should().Throw<ArgumentException>().WithMessage("*not a key entity id*");
    }

    private static WriteKey Write(string tenantId, string key) =>
        new(tenantId, key, new byte[] { 1 }, Tombstone: false, Consistency.Quorum, 3, "idem", ClientIdempotencyKey: false, DateTime.UtcNow);
}
