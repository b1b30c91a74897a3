using Grpc.Core;

namespace PairDb.Client.Internal;

/// <summary>What the retry rules need to know of a failed attempt.</summary>
/// <param name="Code">The status the attempt ended with.</param>
/// <param name="ConnectionLost">True when the coordinator could not be reached or the connection broke (whatever the code).</param>
/// <param name="RetryAfter">The coordinator's retry-after-ms hint, if it sent one.</param>
internal readonly record struct FailedAttempt(StatusCode Code, bool ConnectionLost, TimeSpan? RetryAfter);
