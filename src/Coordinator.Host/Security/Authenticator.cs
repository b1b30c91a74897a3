using Grpc.Core;

namespace PairDb.Coordinator.Security;

/// <summary>
/// Turns a call's authorization header ("Bearer &lt;token&gt;") into its <see cref="Caller"/>: the admin credential, or an
/// active tenant token whose secret matches its stored hash. Anything else is UNAUTHENTICATED with the same message,
/// so a refusal tells nothing about which tokens exist; a metadata store that cannot answer is UNAVAILABLE.
/// </summary>
public sealed class Authenticator
{
    /// <summary>The request header carrying the credential.</summary>
    public const string Header = "authorization";

    private const string BearerScheme = "Bearer ";

    private static readonly Status Missing = new(StatusCode.Unauthenticated, "No credential: send the header 'authorization: Bearer <token>'.");
    private static readonly Status Invalid = new(StatusCode.Unauthenticated, "The bearer token is not valid (unknown, malformed or revoked).");

    private readonly string _adminToken;
    private readonly TokenCache _tokens;

    /// <param name="adminToken">The admin credential (security.admin_token).</param>
    /// <param name="tokens">The tenant tokens.</param>
    public Authenticator(string adminToken, TokenCache tokens)
    {
        ArgumentException.ThrowIfNullOrEmpty(adminToken);
        ArgumentNullException.ThrowIfNull(tokens);
        _adminToken = adminToken;
        _tokens = tokens;
    }

    /// <summary>The caller that <paramref name="authorization"/> proves; throws <see cref="RpcException"/> otherwise.</summary>
    public async ValueTask<Caller> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            throw new RpcException(Missing);
        }

        if (!authorization.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(Invalid);
        }

        var presented = authorization[BearerScheme.Length..].Trim();
        if (TokenSecrets.TextEquals(presented, _adminToken))
        {
            return Caller.Admin;
        }

        if (!TokenSecrets.TryParse(presented, out var tokenId, out var secret))
        {
            throw new RpcException(Invalid);
        }

        StoredToken? stored;
        try
        {
            stored = await _tokens.GetAsync(tokenId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "Cannot check the bearer token: the metadata store did not answer."));
        }

        return stored is { Token.RevokedAt: null } && TokenSecrets.Matches(stored, secret)
            ? Caller.ForToken(stored.Token)
            : throw new RpcException(Invalid);
    }
}
