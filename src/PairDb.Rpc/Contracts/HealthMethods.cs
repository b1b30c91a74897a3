using PairDb.Protocol.Health;

namespace PairDb.Rpc.Contracts;

/// <summary>Typed methods of grpc.health.v1.Health (protos/health.proto), the standard gRPC health checking service.</summary>
public static class HealthMethods
{
    public const string ServiceName = "grpc.health.v1.Health";

    public static readonly Method<HealthCheckRequest, HealthCheckResponse> Check = new(MethodType.Unary, ServiceName, "Check");
    public static readonly Method<HealthCheckRequest, HealthCheckResponse> Watch = new(MethodType.ServerStreaming, ServiceName, "Watch");
}
