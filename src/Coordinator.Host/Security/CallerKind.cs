namespace PairDb.Coordinator.Security;

/// <summary>The kinds of <see cref="Caller"/>.</summary>
public enum CallerKind
{
    /// <summary>Authentication is off (security.auth_enabled false): every call is allowed.</summary>
    Anonymous,

    /// <summary>The admin credential (security.admin_token): every method, every tenant.</summary>
    Admin,

    /// <summary>A tenant token: the data methods and GetTenant, on its own tenant only.</summary>
    Tenant,
}
