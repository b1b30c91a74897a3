namespace PairDb.Rpc.Server;

/// <summary>What the server layer knows about a finished call. Carries no message content, only its outline.</summary>
/// <param name="Method">The full method path, e.g. "/proto.CoordinatorService/WriteKeyValue".</param>
/// <param name="Status">The status sent to the client; CANCELLED when the client went away before any was sent.</param>
/// <param name="Duration">From the request reaching the method's handler pipeline until the status was sent.</param>
/// <param name="Tenant">What the handler set in <see cref="ServerCallContext.Tenant"/>; null when it set nothing.</param>
public readonly record struct CompletedCall(string Method, StatusCode Status, TimeSpan Duration, string? Tenant);
