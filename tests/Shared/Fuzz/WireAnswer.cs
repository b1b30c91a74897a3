using Grpc.Core;

namespace PairDb.Tests.Shared;

/// <summary>
/// How a raw call ended: the status the client reported, the response messages, and what the HTTP layer saw (the
/// response status and whether a grpc-status header or trailer was on it; null when no response arrived at all).
/// </summary>
internal sealed record WireAnswer(Status Status, IReadOnlyList<byte[]> Messages, int? HttpStatus, string? GrpcStatusField, TimeSpan Elapsed);
