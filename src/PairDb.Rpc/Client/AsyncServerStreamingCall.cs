using System.Runtime.CompilerServices;
using Google.Protobuf;
using PairDb.Rpc.Client.Internal;

namespace PairDb.Rpc.Client;

/// <summary>A server-streaming call in progress. Dispose it to end the call early (resets the stream).</summary>
public sealed class AsyncServerStreamingCall<TResponse> : IDisposable
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly ClientCall<TResponse> _call;
    private readonly Task _started;

    internal AsyncServerStreamingCall(ClientCall<TResponse> call, Task started)
    {
        _call = call;
        _started = started;
    }

    /// <summary>Yields each response message; throws <see cref="RpcException"/> when the call ends non-OK.</summary>
    public async IAsyncEnumerable<TResponse> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.Register(static state => ((IDisposable)state!).Dispose(), _call);
        await _started;
        while (await ReadOrCancelledAsync(cancellationToken) is { } message)
        {
            yield return message;
        }
    }

    public void Dispose() => _call.Dispose();

    private async ValueTask<TResponse?> ReadOrCancelledAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _call.ReadAsync();
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new RpcException(StatusCode.Cancelled, "Call cancelled by the caller.");
        }
    }
}
