using Google.Protobuf.WellKnownTypes;
using PairDb.Bench.Load;
using PairDb.Rpc;
using PairDb.Rpc.Client;

namespace PairDb.Bench.Storage;

/// <summary>
/// The baseline target: every operation is one empty Ping to the bench rpc-server, so the same closed-loop client
/// measures what the transport alone allows.
/// </summary>
public sealed class EchoTarget(GrpcChannel channel, Method<Empty, Empty> ping, TimeSpan timeout) : IKvTarget
{
    /// <summary>The bare Kestrel endpoint of the rpc-server, called as a unary method.</summary>
    public static readonly Method<Empty, Empty> BarePing = new(MethodType.Unary, "bench.BareService", "Ping");

    private static readonly Empty Request = new();

    private readonly CallOptions _call = new(Timeout: timeout);

    public Task WriteAsync(string key) => channel.UnaryAsync(ping, Request, _call);

    public Task ReadAsync(string key) => channel.UnaryAsync(ping, Request, _call);
}
