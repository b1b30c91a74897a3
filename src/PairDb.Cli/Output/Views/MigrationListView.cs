namespace PairDb.Cli.Output.Views;

/// <summary>`migration list`: migrations, newest first.</summary>
public sealed record MigrationListView(IReadOnlyList<MigrationView> Migrations);
