using System.Net.Security;
using Grpc.Net.Client;
using PairDb.Protocol.Coordinator;

namespace PairDb.Client.Internal;

/// <summary>
/// One gRPC channel per coordinator address, and which address calls start at: the first until it fails, then the
/// next (shared by every call, so one failure moves all later calls off a dead coordinator).
/// </summary>
internal sealed class ChannelSet : IDisposable
{
    private readonly GrpcChannel[] _channels;
    private readonly CoordinatorService.CoordinatorServiceClient[] _clients;
    private int _preferred;

    /// <param name="addresses">The coordinators' channel URIs.</param>
    /// <param name="connectTimeout">Bound of one connection attempt.</param>
    /// <param name="tls">TLS options of https channels (CA check, client certificate), or null for the defaults.</param>
    public ChannelSet(IReadOnlyList<Uri> addresses, TimeSpan connectTimeout, SslClientAuthenticationOptions? tls)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        _channels = [.. addresses.Select(address => GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectTimeout = connectTimeout,
                EnableMultipleHttp2Connections = true,
                SslOptions = tls ?? new SslClientAuthenticationOptions(),
            },
        }))];
        _clients = [.. _channels.Select(static channel => new CoordinatorService.CoordinatorServiceClient(channel))];
    }

    public int Count => _channels.Length;

    /// <summary>The address the next attempt goes to.</summary>
    public int Preferred => Volatile.Read(ref _preferred);

    public CoordinatorService.CoordinatorServiceClient Client(int index) => _clients[index];

    /// <summary>After address <paramref name="failed"/> failed: later attempts start at the one after it (unless another call already moved on).</summary>
    public void MoveOn(int failed) => Interlocked.CompareExchange(ref _preferred, (failed + 1) % _channels.Length, failed);

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}
