namespace PairDb.Cli.Output.Views;

/// <summary>A tenant token as listed (times in Unix seconds; revoked_at 0 while active); nothing here is secret.</summary>
public sealed record TokenView(string TokenId, string TenantId, string Prefix, long CreatedAt, long RevokedAt);
