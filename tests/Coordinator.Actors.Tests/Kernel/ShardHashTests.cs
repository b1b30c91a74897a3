using System.Text;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using PairDb.Actors.Kernel;

namespace PairDb.Actors.Tests.Kernel;

public sealed class ShardHashTests
{
    [Theory]
    // Expected values computed independently (Python: FNV-1a 64 over "tenant:key".encode("utf-8"), mod n).
    [InlineData("default", "user:42", 100, 77)]
    [InlineData("acme", "orders/2026/001", 100, 89)]
    [InlineData("t", "k", 100, 20)]
    [InlineData("tenant-é", "ключ", 100, 42)]
    [InlineData("default", "🙂", 100, 2)]
    [InlineData("default", "user:42", 7, 0)]
    public void ShardOf_KnownKeys_MatchPrecomputedShards(string tenant, string key, int shardCount, int expected)
    {
        // Act
        var shard = ShardHash.ShardOf(tenant, key, shardCount);

        // Assert
        shard.Should().Be(expected);
    }

    [Fact]
    public void ShardOf_AnyTenantAndKey_EqualsReferenceFnv1aOverUtf8AndInRange()
    {
        // Arrange
        var strings = ArbMap.Default.ArbFor<string>();
        var property = Prop.ForAll(strings, strings, (tenant, key) =>
        {
            tenant ??= string.Empty;
            key ??= string.Empty;
            var shard = ShardHash.ShardOf(tenant, key, 100);
            return shard == ReferenceShard(tenant, key, 100) && shard is >= 0 and < 100;
        });
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(500)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261121UL, 7UL), FSharpOption<int>.None)));

        // Act + Assert
        Check.One(config, property);
    }

    /// <summary>Independent reference: encode the whole string with Encoding.UTF8, then hash byte by byte.</summary>
    private static int ReferenceShard(string tenant, string key, int shardCount)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(tenant + ":" + key))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return (int)(hash % (ulong)shardCount);
    }
}
