using Google.Protobuf;

namespace PairDb.Rpc.Server.Internal;

/// <summary>Adapts a call's response to <see cref="IServerStreamWriter{T}"/>, flushing every message.</summary>
internal sealed class ServerStreamWriter<T> : IServerStreamWriter<T>
    where T : IMessage
{
    private readonly ServerResponse _response;
    private readonly CancellationToken _callToken;

    public ServerStreamWriter(ServerResponse response, CancellationToken callToken)
    {
        _response = response;
        _callToken = callToken;
    }

    public Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!cancellationToken.CanBeCanceled)
        {
            return _response.WriteMessageAsync(message, flush: true, _callToken);
        }

        return WriteLinkedAsync(message, cancellationToken);
    }

    private async Task WriteLinkedAsync(T message, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_callToken, cancellationToken);
        await _response.WriteMessageAsync(message, flush: true, linked.Token);
    }
}
