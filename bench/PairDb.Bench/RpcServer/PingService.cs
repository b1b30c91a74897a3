using Google.Protobuf.WellKnownTypes;
using PairDb.Rpc;
using PairDb.Rpc.Server;

namespace PairDb.Bench.RpcServer;

/// <summary>The trivial unary method served through PairDb.Rpc: Empty in, Empty out, so only the layer is measured.</summary>
public static class PingService
{
    public const string ServiceName = "bench.BenchService";

    public static readonly Method<Empty, Empty> Ping = new(MethodType.Unary, ServiceName, "Ping");

    // One shared reply: the handler does no work of its own and allocates nothing.
    private static readonly Task<Empty> Reply = Task.FromResult(new Empty());

    public static GrpcServiceDefinition Definition() => new GrpcServiceBuilder(ServiceName)
        .Unary(Ping, static (_, _) => Reply)
        .Build();
}
