namespace PairDb.Cli.Output.Views;

/// <summary>`audit list`: a page of audit records, newest first, and the before id of the next page (0: none).</summary>
public sealed record AuditListView(IReadOnlyList<AuditRecordView> Records, long NextBeforeId);
