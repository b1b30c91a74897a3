using FluentAssertions;

namespace PairDb.Integration.Tests.Cli;

public sealed class ReadmeWalkthroughTests
{
    [Theory]
    [InlineData("cluster status", new[] { "cluster", "status" })]
    [InlineData("kv put shop greeting \"hello, pairdb\"", new[] { "kv", "put", "shop", "greeting", "hello, pairdb" })]
    [InlineData("kv put t k 'a \"b\" c'", new[] { "kv", "put", "t", "k", "a \"b\" c" })]
    [InlineData("kv put t k \"say \\\"hi\\\"\"", new[] { "kv", "put", "t", "k", "say \"hi\"" })]
    [InlineData("kv put t k a\\ b  --consistency\tall", new[] { "kv", "put", "t", "k", "a b", "--consistency", "all" })]
    [InlineData("kv put t k ''", new[] { "kv", "put", "t", "k", "" })]
    public void SplitWords_ShellQuoting_SplitsLikeAShell(string line, string[] expected)
    {
        // Act / Assert
        ReadmeWalkthrough.SplitWords(line).Should().Equal(expected);
    }

    [Fact]
    public void SplitWords_UnclosedQuote_Throws()
    {
        // Act
        var act = () => ReadmeWalkthrough.SplitWords("kv put t k \"open");

        // Assert
        act.Should().Throw<InvalidDataException>();
    }

    [Fact]
    public void Commands_Readme_HasTheWalkthroughWithANodeAddPort()
    {
        // Act
        var commands = ReadmeWalkthrough.Commands();

        // Assert
        commands.Should().NotBeEmpty();
        commands.Should().Contain(static c => c.Length > 2 && c[0] == "node" && c[1] == "add" && c.Contains("--port") && c.Contains("--watch"));
        ReadmeWalkthrough.WithOption(["node", "add", "n", "--port", "50064"], "--port", "1234").Should().Equal("node", "add", "n", "--port", "1234");
    }
}
