namespace PairDb.Cli.Output.Views;

/// <summary>One audit record: id, Unix microseconds, caller, method, target and status code name.</summary>
public sealed record AuditRecordView(long Id, long AtMicros, string Caller, string Method, string Target, string Status);
