using PairDb.Coordinator.Security;

namespace PairDb.Coordinator.Edge;

/// <summary>What the token and audit methods use: the credential store and the bounds of security.* (docs/security.md).</summary>
public sealed record SecurityServices(ICredentialStore Credentials, int MaxTokensPerTenant, int MaxPageSize)
{
    /// <summary>Entries a list call answers when its page_size is 0.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The page size a list call asked for: 0 means the default (or the maximum, if lower); above the maximum is INVALID_ARGUMENT.</summary>
    public int PageSize(int requested)
    {
        if (requested < 0 || requested > MaxPageSize)
        {
            throw EdgeStatus.InvalidArgument($"page_size must be 0..{MaxPageSize} (security.max_page_size), got {requested}.");
        }

        return requested == 0 ? Math.Min(DefaultPageSize, MaxPageSize) : requested;
    }
}
