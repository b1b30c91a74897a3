namespace PairDb.Cli.Output.Views;

/// <summary>`cluster leave|down`: the member the command was accepted for and its status at that moment.</summary>
public sealed record ClusterMemberChangeView(string Action, string Address, string Status);
