using PairDb.Rpc.Tests.Protos;

namespace PairDb.Rpc.Tests.Support;

/// <summary>Typed methods of the test echo service.</summary>
public static class EchoMethods
{
    public const string ServiceName = "test.EchoService";
    public static readonly Method<EchoRequest, EchoReply> Echo = new(MethodType.Unary, ServiceName, "Echo");
    public static readonly Method<CountRequest, CountReply> Count = new(MethodType.ServerStreaming, ServiceName, "Count");
}
