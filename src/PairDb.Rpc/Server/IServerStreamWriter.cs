namespace PairDb.Rpc.Server;

/// <summary>Writes the messages of a server-streaming response, one at a time.</summary>
public interface IServerStreamWriter<in T>
{
    /// <summary>Sends one message; fails once the call has ended (deadline, reset or completion).</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
