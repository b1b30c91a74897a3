namespace PairDb.Coordinator.Security;

/// <summary>Who made a call: the admin credential, a tenant token (its id and tenant), or nobody in particular (authentication off).</summary>
public sealed record Caller(CallerKind Kind, string TokenId, string TenantId)
{
    public static Caller Admin { get; } = new(CallerKind.Admin, string.Empty, string.Empty);

    public static Caller Anonymous { get; } = new(CallerKind.Anonymous, string.Empty, string.Empty);

    /// <summary>How audit records and logs name the caller: "admin", "token:&lt;id&gt;" or "anonymous".</summary>
    public string Name => Kind switch
    {
        CallerKind.Admin => "admin",
        CallerKind.Tenant => "token:" + TokenId,
        _ => "anonymous",
    };

    public static Caller ForToken(TenantToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new Caller(CallerKind.Tenant, token.TokenId, token.TenantId);
    }
}
