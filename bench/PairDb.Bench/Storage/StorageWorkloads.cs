namespace PairDb.Bench.Storage;

/// <summary>Command-line names of <see cref="StorageWorkload"/> values.</summary>
public static class StorageWorkloads
{
    public const string Names = "write|read|echo-bare";

    public static bool TryParse(string text, out StorageWorkload workload)
    {
        switch (text)
        {
            case "write": workload = StorageWorkload.Write; return true;
            case "read": workload = StorageWorkload.Read; return true;
            case "echo-bare": workload = StorageWorkload.EchoBare; return true;
            default: workload = default; return false;
        }
    }

    public static string Name(StorageWorkload workload) => workload switch
    {
        StorageWorkload.Write => "write",
        StorageWorkload.Read => "read",
        _ => "echo-bare",
    };
}
