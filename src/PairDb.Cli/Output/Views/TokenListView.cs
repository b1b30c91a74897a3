namespace PairDb.Cli.Output.Views;

/// <summary>`tenant token list`: a tenant's tokens, newest first.</summary>
public sealed record TokenListView(IReadOnlyList<TokenView> Tokens);
