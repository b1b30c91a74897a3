namespace PairDb.Cli.Output.Views;

/// <summary>`tenant token create`: the new token, and its bearer string, which is shown this once.</summary>
public sealed record CreatedTokenView(TokenView Info, string Token);
