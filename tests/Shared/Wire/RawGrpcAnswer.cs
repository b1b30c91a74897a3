namespace PairDb.Tests.Shared.Wire;

/// <summary>What a server answered to a raw call: the HTTP status, grpc-status and grpc-message (null when absent) and the body.</summary>
public sealed record RawGrpcAnswer(int HttpStatus, string? GrpcStatus, string? GrpcMessage, byte[] Body);
