using FluentAssertions;
using PairDb.Client;
using static PairDb.Integration.Tests.Client.ClientCallsTests;

namespace PairDb.Integration.Tests.Client;

/// <summary>
/// Causal context over the wire through the .NET client: writes based on the same read become siblings, a write with
/// their merged clock supersedes both, and a write with a stale context keeps what was written since as a sibling.
/// </summary>
[Collection(OneCommandCoordinatorCollection.Name)]
public sealed class ClientCausalContextTests(OneCommandCoordinator coordinator)
{
    [Fact]
    public async Task WritesWithContext_TwoFromOneReadThenMergedThenStale_SiblingsSupersededAndNoWriteLost()
    {
        // Arrange: two clients read the same version.
        using var alice = coordinator.NewClient();
        using var bob = coordinator.NewClient();
        using var carol = coordinator.NewClient();
        var key = NewKey("causal");
        await alice.WriteAsync(key, Bytes("v0"));
        var aliceRead = (await alice.ReadAsync(key))!;
        var bobRead = (await bob.ReadAsync(key))!;
        bobRead.Clock.Should().Be(aliceRead.Clock);

        // Act 1: both write with that context.
        await alice.WriteAsync(key, Bytes("alice"), new PairDbWriteOptions { Context = aliceRead.Clock });
        await bob.WriteAsync(key, Bytes("bob"), new PairDbWriteOptions { Context = bobRead.Clock });
        var concurrent = (await carol.ReadAsync(key))!;

        // Assert 1: both are siblings.
        concurrent.LiveValues.Select(Text).Should().BeEquivalentTo(["alice", "bob"], coordinator.Output);

        // Act 2: a third write with the merged context.
        await carol.WriteAsync(key, Bytes("carol"), new PairDbWriteOptions { Context = concurrent.Clock });
        var merged = (await alice.ReadAsync(key))!;

        // Assert 2: it supersedes both.
        merged.HasSiblings.Should().BeFalse();
        Text(merged.Value).Should().Be("carol");

        // Act 3: a write with the stale context of the first read.
        await bob.WriteAsync(key, Bytes("bob-stale"), new PairDbWriteOptions { Context = bobRead.Clock });
        var afterStale = (await carol.ReadAsync(key))!;

        // Assert 3: it does not lose carol's write; both stay as siblings.
        afterStale.LiveValues.Select(Text).Should().BeEquivalentTo(["carol", "bob-stale"]);
    }

    [Fact]
    public async Task ReadMergeWriteAsync_Siblings_OneMergedValueSupersedingThem()
    {
        // Arrange
        using var client = coordinator.NewClient();
        var key = NewKey("merge");
        await client.WriteAsync(key, Bytes("a"));
        var read = (await client.ReadAsync(key))!;
        await client.WriteAsync(key, Bytes("b"), new PairDbWriteOptions { Context = read.Clock });
        await client.WriteAsync(key, Bytes("c"), new PairDbWriteOptions { Context = read.Clock });

        // Act
        IReadOnlyList<string>? seen = null;
        await client.ReadMergeWriteAsync(key, values =>
        {
            seen = [.. values.Select(Text).Order(StringComparer.Ordinal)];
            return Bytes(string.Join("+", seen));
        });
        var after = (await client.ReadAsync(key))!;

        // Assert
        seen.Should().Equal("b", "c");
        after.HasSiblings.Should().BeFalse();
        Text(after.Value).Should().Be("b+c");
    }

    [Fact]
    public async Task UpdateAsync_MissingKeyThenExisting_CreatesThenUpdatesConditionally()
    {
        // Arrange
        using var client = coordinator.NewClient();
        var key = NewKey("update");

        // Act
        await client.UpdateAsync(key, static current => Bytes(current is null ? "1" : "unexpected"));
        await client.UpdateAsync(key, static current => Bytes(Text(current!) + "+1"));

        // Assert
        Text((await client.ReadAsync(key))!.Value).Should().Be("1+1");
    }
}
