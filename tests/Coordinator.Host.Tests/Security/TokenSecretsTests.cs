using FluentAssertions;
using PairDb.Coordinator.Security;

namespace PairDb.Coordinator.Tests.Security;

public sealed class TokenSecretsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_Token_ParsesBackToItsIdAndMatchesOnlyItsOwnHash()
    {
        // Act
        var (token, stored) = TokenSecrets.Create("acme", T0);
        var (_, other) = TokenSecrets.Create("acme", T0);

        // Assert
        TokenSecrets.TryParse(token, out var id, out var secret).Should().BeTrue();
        id.Should().Be(stored.Token.TokenId);
        token.Should().StartWith(stored.Token.Prefix + "_");
        secret.Should().HaveCount(32);
        TokenSecrets.Matches(stored, secret).Should().BeTrue();
        TokenSecrets.Matches(other with { Token = stored.Token }, secret).Should().BeFalse();
        stored.SecretHash.Should().HaveCount(32).And.NotEqual(secret);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pdb_")]
    [InlineData("pdb_0123456789ABCDEF_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("xyz_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("pdb_0123456789abcdef-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("pdb_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    [InlineData("pdb_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void TryParse_Malformed_ReturnsFalse(string token)
    {
        TokenSecrets.TryParse(token, out _, out _).Should().BeFalse();
    }

    [Fact]
    public void TextEquals_SameAndDifferentStrings_ComparesWholeValue()
    {
        TokenSecrets.TextEquals("secret-admin-token", "secret-admin-token").Should().BeTrue();
        TokenSecrets.TextEquals("secret-admin-token", "secret-admin-tokeN").Should().BeFalse();
        TokenSecrets.TextEquals("secret", "secret-admin-token").Should().BeFalse();
    }
}
