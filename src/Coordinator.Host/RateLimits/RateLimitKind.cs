namespace PairDb.Coordinator.RateLimits;

/// <summary>Which of a tenant's limits refused a call: its requests per second or its request bytes per second.</summary>
public enum RateLimitKind
{
    Requests,
    Bytes,
}
