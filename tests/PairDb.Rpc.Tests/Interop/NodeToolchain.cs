namespace PairDb.Rpc.Tests.Interop;

/// <summary>
/// The Node.js side of the interoperability tests: finds this folder in the source tree, installs its pinned npm
/// packages (@grpc/grpc-js, @grpc/proto-loader) once per test run when absent, and runs its scripts.
/// A missing node/npm or a failed install fails the tests with the reason; it never skips them.
/// </summary>
public static class NodeToolchain
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<Task<string>> Installed = new(InstallAsync);

    /// <summary>The interop folder with node_modules ready; throws the install failure on every call.</summary>
    public static Task<string> EnsureInstalledAsync() => Installed.Value;

    /// <summary>Runs <c>node script args</c> in the interop folder and returns how it ended.</summary>
    public static async Task<ProcessResult> RunScriptAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var directory = await EnsureInstalledAsync();
        return await ChildProcess.RunAsync("node", [script, .. arguments], directory, timeout);
    }

    private static async Task<string> InstallAsync()
    {
        var directory = FindInteropDirectory();
        var version = await ChildProcess.RunAsync("node", ["--version"], directory, VersionTimeout);
        if (version.ExitCode != 0)
        {
            throw new InvalidOperationException("node --version failed; Node.js 20+ is required.\n" + version.Describe());
        }

        if (PackagesPresent(directory))
        {
            return directory;
        }

        // npm ci installs exactly the lockfile; npm install only if someone removed the lockfile.
        string[] arguments = File.Exists(Path.Combine(directory, "package-lock.json"))
            ? ["ci", "--no-audit", "--no-fund"]
            : ["install", "--no-audit", "--no-fund"];
        var install = await ChildProcess.RunAsync("npm", arguments, directory, InstallTimeout);
        if (install.ExitCode != 0 || !PackagesPresent(directory))
        {
            throw new InvalidOperationException($"Installing the interop npm packages in {directory} failed.\n" + install.Describe());
        }

        return directory;
    }

    private static bool PackagesPresent(string directory) =>
        File.Exists(Path.Combine(directory, "node_modules", "@grpc", "grpc-js", "package.json"))
        && File.Exists(Path.Combine(directory, "node_modules", "@grpc", "proto-loader", "package.json"));

    // The scripts stay in the source tree (next to their package.json and the shared echo.proto), found by walking
    // up from the test binaries in tests/PairDb.Rpc.Tests/bin/<configuration>/<framework>/.
    private static string FindInteropDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Interop");
            if (File.Exists(Path.Combine(candidate, "package.json")) && File.Exists(Path.Combine(candidate, "echo-client.js")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"Cannot find tests/PairDb.Rpc.Tests/Interop (package.json, echo-client.js) above {AppContext.BaseDirectory}.");
    }
}
