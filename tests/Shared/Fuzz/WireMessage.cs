namespace PairDb.Tests.Shared;

/// <summary>A request as bytes on the wire, addressed to one method of a gRPC service ("package.Service", "Method").</summary>
internal sealed record WireMessage(string Service, string Method, byte[] Bytes);
