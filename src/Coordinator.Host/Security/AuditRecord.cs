namespace PairDb.Coordinator.Security;

/// <summary>
/// One admin call: who made it (<see cref="Caller.Name"/>), the gRPC method and what it named, when it ended, and its
/// status code name. <see cref="Id"/> is given by the store (ascending); it is ignored when a record is appended.
/// </summary>
public sealed record AuditRecord(long Id, DateTimeOffset At, string Caller, string Method, string Target, string Status);
