using FluentAssertions;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Security;

namespace PairDb.Coordinator.Tests.Stores;

/// <summary>Tenant tokens (hashes only, per-tenant bound, revocation, change announcements) and audit records (pages, bound).</summary>
public abstract partial class MetadataStoreContract
{
    /// <summary>The feed on which <paramref name="store"/>'s token changes are announced (as a coordinator would hear them).</summary>
    protected abstract Task<ITokenChangeFeed> TokenChangesAsync(IMetadataStore store);

    [Fact]
    public async Task CreateTokenAsync_KnownTenant_GetReturnsItsHashSaltAndFields()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync("acme", 1, T0, CancellationToken.None);
        var (token, stored) = TokenSecrets.Create("acme", T0);

        var created = await Credentials(store).CreateTokenAsync(stored, 10, CancellationToken.None);
        var read = await Credentials(store).GetTokenAsync(stored.Token.TokenId, CancellationToken.None);

        created.Should().Be(TokenCreation.Created);
        read!.Token.Should().Be(stored.Token);
        read.Salt.Should().Equal(stored.Salt);
        read.SecretHash.Should().Equal(stored.SecretHash);
        TokenSecrets.TryParse(token, out _, out var secret).Should().BeTrue();
        TokenSecrets.Matches(read, secret).Should().BeTrue();
    }

    [Fact]
    public async Task CreateTokenAsync_UnknownTenant_ReturnsUnknownTenantAndStoresNothing()
    {
        var store = await OpenAsync();
        var (_, stored) = TokenSecrets.Create("ghost", T0);

        var created = await Credentials(store).CreateTokenAsync(stored, 10, CancellationToken.None);

        created.Should().Be(TokenCreation.UnknownTenant);
        (await Credentials(store).GetTokenAsync(stored.Token.TokenId, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task CreateTokenAsync_TenantAtItsLimit_ReturnsLimitReachedUntilOneIsRevoked()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync("acme", 1, T0, CancellationToken.None);
        var first = TokenSecrets.Create("acme", T0).Stored;
        await Credentials(store).CreateTokenAsync(first, 2, CancellationToken.None);
        await Credentials(store).CreateTokenAsync(TokenSecrets.Create("acme", T0).Stored, 2, CancellationToken.None);

        var third = await Credentials(store).CreateTokenAsync(TokenSecrets.Create("acme", T0).Stored, 2, CancellationToken.None);
        await Credentials(store).RevokeTokenAsync(first.Token.TokenId, T0.AddMinutes(1), CancellationToken.None);
        var afterRevoke = await Credentials(store).CreateTokenAsync(TokenSecrets.Create("acme", T0).Stored, 2, CancellationToken.None);

        third.Should().Be(TokenCreation.LimitReached);
        afterRevoke.Should().Be(TokenCreation.Created, "a revoked token does not count towards the limit");
    }

    [Fact]
    public async Task ListTokensAsync_SeveralTenants_ReturnsThatTenantsNewestFirstUpToTheLimit()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync("acme", 1, T0, CancellationToken.None);
        await store.CreateTenantAsync("other", 1, T0, CancellationToken.None);
        var tokens = new List<TenantToken>();
        for (var i = 0; i < 3; i++)
        {
            var stored = TokenSecrets.Create("acme", T0.AddSeconds(i)).Stored;
            await Credentials(store).CreateTokenAsync(stored, 10, CancellationToken.None);
            tokens.Add(stored.Token);
        }

        await Credentials(store).CreateTokenAsync(TokenSecrets.Create("other", T0.AddSeconds(9)).Stored, 10, CancellationToken.None);

        var listed = await Credentials(store).ListTokensAsync("acme", 2, CancellationToken.None);

        listed.Should().Equal(tokens[2], tokens[1]);
    }

    [Fact]
    public async Task RevokeTokenAsync_Twice_KeepsTheFirstRevocationTime_UnknownIsNull()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync("acme", 1, T0, CancellationToken.None);
        var stored = TokenSecrets.Create("acme", T0).Stored;
        await Credentials(store).CreateTokenAsync(stored, 10, CancellationToken.None);

        var first = await Credentials(store).RevokeTokenAsync(stored.Token.TokenId, T0.AddMinutes(1), CancellationToken.None);
        var second = await Credentials(store).RevokeTokenAsync(stored.Token.TokenId, T0.AddMinutes(2), CancellationToken.None);
        var unknown = await Credentials(store).RevokeTokenAsync("0123456789abcdef", T0, CancellationToken.None);

        first.Should().Be(stored.Token with { RevokedAt = T0.AddMinutes(1) });
        second.Should().Be(first);
        (await Credentials(store).GetTokenAsync(stored.Token.TokenId, CancellationToken.None))!.Token.Should().Be(first);
        unknown.Should().BeNull();
    }

    [Fact]
    public async Task TokenChanges_CreateAndRevoke_AnnounceTheTokenId()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync("acme", 1, T0, CancellationToken.None);
        using var heard = new TenantChangeRecorder(await TokenChangesAsync(store));
        var stored = TokenSecrets.Create("acme", T0).Stored;

        await Credentials(store).CreateTokenAsync(stored, 10, CancellationToken.None);
        var created = await heard.NextAsync();
        await Credentials(store).RevokeTokenAsync(stored.Token.TokenId, T0, CancellationToken.None);
        var revoked = await heard.NextAsync();

        created.Should().Be(stored.Token.TokenId);
        revoked.Should().Be(stored.Token.TokenId);
    }

    [Fact]
    public async Task ListAuditAsync_Pages_NewestFirstByBeforeId()
    {
        var store = await OpenAsync();
        var appended = new List<AuditRecord>();
        for (var i = 0; i < 5; i++)
        {
            var record = new AuditRecord(0, T0.AddSeconds(i), "admin", "/proto.CoordinatorService/CreateTenant", "t" + i, "OK");
            var id = await Credentials(store).AppendAuditAsync(record, 100, CancellationToken.None);
            appended.Add(record with { Id = id });
        }

        var firstPage = await Credentials(store).ListAuditAsync(null, 2, CancellationToken.None);
        var secondPage = await Credentials(store).ListAuditAsync(firstPage[^1].Id, 2, CancellationToken.None);
        var lastPage = await Credentials(store).ListAuditAsync(secondPage[^1].Id, 2, CancellationToken.None);

        firstPage.Should().Equal(appended[4], appended[3]);
        secondPage.Should().Equal(appended[2], appended[1]);
        lastPage.Should().Equal(appended[0]);
    }

    [Fact]
    public async Task AppendAuditAsync_BeyondMaxRecords_ForgetsTheOldest()
    {
        var store = await OpenAsync();
        for (var i = 0; i < 5; i++)
        {
            await Credentials(store).AppendAuditAsync(new AuditRecord(0, T0, "token:0123456789abcdef", "/proto.CoordinatorService/ListTenants", string.Empty, "PERMISSION_DENIED"), 3, CancellationToken.None);
        }

        var kept = await Credentials(store).ListAuditAsync(null, 100, CancellationToken.None);

        kept.Should().HaveCount(3);
        kept.Select(static r => r.Caller).Should().AllBe("token:0123456789abcdef");
    }

    private static ICredentialStore Credentials(IMetadataStore store) => (ICredentialStore)store;
}
