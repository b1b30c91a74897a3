namespace PairDb.Bench.Storage;

/// <summary>Command-line names of <see cref="StorageWorkload"/> values.</summary>
public static class StorageWorkloads
{
    public const string Names = "write|read|echo-bare|echo-rpc";

    public static bool TryParse(string text, out StorageWorkload workload)
    {
        switch (text)
        {
            case "write": workload = StorageWorkload.Write; return true;
            case "read": workload = StorageWorkload.Read; return true;
            case "echo-bare": workload = StorageWorkload.EchoBare; return true;
            case "echo-rpc": workload = StorageWorkload.EchoRpc; return true;
            default: workload = default; return false;
        }
    }

    public static string Name(StorageWorkload workload) => workload switch
    {
        StorageWorkload.Write => "write",
        StorageWorkload.Read => "read",
        StorageWorkload.EchoBare => "echo-bare",
        _ => "echo-rpc",
    };
}
