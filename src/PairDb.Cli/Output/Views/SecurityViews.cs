using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Output.Views;

/// <summary>Turns the token and audit responses into the CLI's views.</summary>
public static class SecurityViews
{
    public static TokenView Token(TenantTokenInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new TokenView(info.TokenId, info.TenantId, info.Prefix, info.CreatedAt, info.RevokedAt);
    }

    public static CreatedTokenView Created(CreateTenantTokenResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new CreatedTokenView(Token(response.Info ?? new TenantTokenInfo()), response.Token);
    }

    public static TokenListView Tokens(ListTenantTokensResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new TokenListView([.. response.Tokens.Select(Token)]);
    }

    public static AuditListView Audit(ListAuditRecordsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new AuditListView(
            [.. response.Records.Select(static r => new AuditRecordView(r.Id, r.AtMicros, r.Caller, r.Method, r.Target, r.Status))],
            response.NextBeforeId);
    }
}
