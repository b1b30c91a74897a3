using Grpc.Core;
using PairDb.Coordinator.Interceptors;
using PairDb.Coordinator.Security;
using PairDb.Messages.Validation;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Edge;

/// <summary>CreateTenantToken, ListTenantTokens and RevokeTenantToken (admin methods).</summary>
public sealed class TokenEdge
{
    private readonly SecurityServices _security;

    public TokenEdge(SecurityServices security) => _security = security;

    public async Task<CreateTenantTokenResponse> CreateAsync(CreateTenantTokenRequest request, ServerCallContext context)
    {
        CallTenant.Attach(context, request.TenantId);
        if (RequestValidator.ValidateTenantId(request.TenantId) is { } error)
        {
            throw EdgeStatus.InvalidArgument(error.Message);
        }

        var (token, stored) = TokenSecrets.Create(request.TenantId, DateTimeOffset.UtcNow);
        var outcome = await _security.Credentials.CreateTokenAsync(stored, _security.MaxTokensPerTenant, context.CancellationToken);
        return outcome switch
        {
            TokenCreation.Created => new CreateTenantTokenResponse { Success = true, Info = Info(stored.Token), Token = token },
            TokenCreation.UnknownTenant => throw EdgeStatus.NotFound($"Tenant '{request.TenantId}' not found."),
            _ => throw EdgeStatus.FailedPrecondition(
                $"Tenant '{request.TenantId}' already has {_security.MaxTokensPerTenant} active tokens (security.max_tokens_per_tenant); revoke one first."),
        };
    }

    public async Task<ListTenantTokensResponse> ListAsync(ListTenantTokensRequest request, ServerCallContext context)
    {
        CallTenant.Attach(context, request.TenantId);
        if (RequestValidator.ValidateTenantId(request.TenantId) is { } error)
        {
            throw EdgeStatus.InvalidArgument(error.Message);
        }

        var limit = _security.PageSize(request.PageSize);
        var response = new ListTenantTokensResponse { Success = true };
        foreach (var token in await _security.Credentials.ListTokensAsync(request.TenantId, limit, context.CancellationToken))
        {
            response.Tokens.Add(Info(token));
        }

        return response;
    }

    public async Task<RevokeTenantTokenResponse> RevokeAsync(RevokeTenantTokenRequest request, ServerCallContext context)
    {
        var tokenId = request.TokenId.StartsWith(TokenSecrets.Scheme, StringComparison.Ordinal) ? request.TokenId[TokenSecrets.Scheme.Length..] : request.TokenId;
        if (!TokenSecrets.IsTokenId(tokenId))
        {
            throw EdgeStatus.InvalidArgument(
                $"token_id must be {TokenSecrets.IdLength} lower-case hex digits (optionally after '{TokenSecrets.Scheme}'), as ListTenantTokens lists it.");
        }

        var revoked = await _security.Credentials.RevokeTokenAsync(tokenId, DateTimeOffset.UtcNow, context.CancellationToken)
            ?? throw EdgeStatus.NotFound($"Token '{tokenId}' not found.");
        CallTenant.Attach(context, revoked.TenantId);
        return new RevokeTenantTokenResponse { Success = true, Info = Info(revoked) };
    }

    private static TenantTokenInfo Info(TenantToken token) => new()
    {
        TokenId = token.TokenId,
        TenantId = token.TenantId,
        Prefix = token.Prefix,
        CreatedAt = token.CreatedAt.ToUnixTimeSeconds(),
        RevokedAt = token.RevokedAt?.ToUnixTimeSeconds() ?? 0,
    };
}
