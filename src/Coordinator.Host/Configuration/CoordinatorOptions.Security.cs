using System.Globalization;

namespace PairDb.Coordinator.Configuration;

/// <summary>security.* settings: authentication, the admin credential, the token cache and list bounds (docs/security.md).</summary>
public sealed partial record CoordinatorOptions
{
    /// <summary>Shortest admin credential accepted: 32 characters (e.g. 24 random bytes in base64).</summary>
    public const int MinAdminTokenChars = 32;

    /// <summary>security.auth_enabled / AUTH_ENABLED: every CoordinatorService call needs a bearer token (off in the embedded default).</summary>
    public bool AuthEnabled { get; init; }

    /// <summary>security.admin_token / ADMIN_TOKEN: the admin credential; required with authentication on. Never logged.</summary>
    public SecretText AdminToken { get; init; } = SecretText.Empty;

    /// <summary>security.token_cache_ttl_ms / TOKEN_CACHE_TTL_MS: longest a coordinator trusts a cached token lookup when no change notice arrives.</summary>
    public TimeSpan TokenCacheTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>security.token_cache_max_entries / TOKEN_CACHE_MAX_ENTRIES: tokens cached per coordinator (and, apart, unknown token ids).</summary>
    public int TokenCacheMaxEntries { get; init; } = 10_000;

    /// <summary>security.max_tokens_per_tenant / MAX_TOKENS_PER_TENANT: active (unrevoked) tokens one tenant may have.</summary>
    public int MaxTokensPerTenant { get; init; } = 100;

    /// <summary>security.max_page_size / MAX_PAGE_SIZE: most entries one ListTenantTokens or ListAuditRecords call answers.</summary>
    public int MaxPageSize { get; init; } = 1000;

    /// <summary>security.audit_max_records / AUDIT_MAX_RECORDS: audit records kept in the metadata store; the oldest beyond it are deleted.</summary>
    public int AuditMaxRecords { get; init; } = 1_000_000;

    /// <summary>Authentication on needs an admin credential long enough not to be guessed.</summary>
    private void ValidateSecurity()
    {
        if (AuthEnabled && AdminToken.Value.Length < MinAdminTokenChars)
        {
            // The value is never echoed: it is a secret.
            throw new CoordinatorConfigurationException(
                "security.admin_token",
                null,
                $"Invalid setting security.admin_token (ADMIN_TOKEN): with security.auth_enabled (AUTH_ENABLED) true it must be at least {MinAdminTokenChars} characters, "
                + $"got {AdminToken.Value.Length.ToString(CultureInfo.InvariantCulture)}.");
        }
    }
}
