namespace PairDb.Cli.Output.Views;

/// <summary>A stored value: as text when it is valid UTF-8 (else null), and always as base64.</summary>
public sealed record KvValueView(string? Text, string Base64, int Length);
