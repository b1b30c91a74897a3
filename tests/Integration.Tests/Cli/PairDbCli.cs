using PairDb.Integration.Tests.Cluster;

namespace PairDb.Integration.Tests.Cli;

/// <summary>Runs the built `pairdb` CLI (`dotnet pairdb.dll ...`) as a separate process against one coordinator.</summary>
internal sealed class PairDbCli
{
    private readonly string _coordinator;

    public PairDbCli(string coordinator) => _coordinator = coordinator;

    /// <summary>src/PairDb.Cli's build output in this test run's configuration (the solution build produces it).</summary>
    public static string Dll
    {
        get
        {
            var path = Path.Combine(RepoPaths.Root, "src", "PairDb.Cli", "bin", RepoPaths.Configuration, "net10.0", "pairdb.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build src/PairDb.Cli first ({RepoPaths.Configuration}): {path} is missing.", path);
        }
    }

    /// <summary>Runs one command; the coordinator comes from PAIRDB_COORDINATOR, as an operator's shell would set it.</summary>
    public Task<ProcessResult> RunAsync(IReadOnlyList<string> args, TimeSpan timeout) =>
        ChildProcess.RunAsync(
            "dotnet",
            [Dll, .. args],
            RepoPaths.Root,
            timeout,
            new Dictionary<string, string> { ["PAIRDB_COORDINATOR"] = _coordinator });
}
