namespace PairDb.Client;

/// <summary>
/// Settings of a <see cref="PairDbClient"/>, bindable from configuration (e.g. a "PairDb" section:
/// Addresses:0, DefaultTenant, DefaultConsistency, CallTimeout, Retry:MaxAttempts, ...).
/// </summary>
public sealed class PairDbClientOptions
{
    /// <summary>
    /// Coordinator addresses ("host:port" or "http://host:port"), tried in this order: a call that cannot reach one
    /// moves to the next. At least one is required.
    /// </summary>
    public IList<string> Addresses { get; } = [];

    /// <summary>The tenant of calls that name none. Default "default".</summary>
    public string DefaultTenant { get; set; } = "default";

    /// <summary>The consistency of calls that name none. Default <see cref="PairDbConsistency.Quorum"/>.</summary>
    public PairDbConsistency DefaultConsistency { get; set; } = PairDbConsistency.Quorum;

    /// <summary>The deadline of a whole call, every retry included, unless the call sets its own. Default 10 s.</summary>
    /// <remarks>
    /// A coordinator holds a write's idempotency claim until the attempt's deadline plus its claim margin
    /// (idempotency.claim_margin_ms, 5 s), so no retry within this deadline applies a write twice. A write whose
    /// coordinator died mid-write stays claimed (ABORTED) until then; a new call with the same key after that may
    /// apply it a second time.
    /// </remarks>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long opening a connection to one coordinator may take before the call moves to the next address. Default 5 s.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Bearer token sent with every call as "authorization: Bearer TOKEN": a tenant token (its tenant's keys and
    /// GetTenant only) or the admin token. Null or empty sends none (coordinators with authentication off).
    /// </summary>
    public string? Token { get; set; }

    /// <summary>Retries and backoff.</summary>
    public PairDbRetryOptions Retry { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (Addresses.Count == 0)
        {
            throw new ArgumentException("At least one coordinator address is required.", nameof(Addresses));
        }

        foreach (var address in Addresses)
        {
            _ = Internal.CoordinatorAddress.Parse(address);
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(DefaultTenant, nameof(DefaultTenant));
        if (!Enum.IsDefined(DefaultConsistency))
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultConsistency), DefaultConsistency, "One, Quorum or All.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CallTimeout, TimeSpan.Zero, nameof(CallTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        Retry.Validate();
    }
}
