using PairDb.Bench.Etcd;
using PairDb.Rpc;

namespace PairDb.Bench.Load;

/// <summary>The two etcd KV methods the comparison uses.</summary>
public static class EtcdMethods
{
    private const string Service = "etcdserverpb.KV";

    public static readonly Method<PutRequest, PutResponse> Put = new(MethodType.Unary, Service, "Put");

    public static readonly Method<RangeRequest, RangeResponse> Range = new(MethodType.Unary, Service, "Range");
}
