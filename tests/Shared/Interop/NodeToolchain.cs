namespace PairDb.TestSupport.Interop;

/// <summary>
/// The Node.js side of the interoperability tests, shared by every test project that drives an independent gRPC
/// peer: installs the pinned npm packages (@grpc/grpc-js, @grpc/proto-loader) of tests/Integration.Tests/Interop
/// once per test run when absent, and runs scripts that resolve them from there.
/// A missing node/npm or a failed install fails the tests with the reason; it never skips them.
/// </summary>
internal static class NodeToolchain
{
    // One package.json and lockfile for the whole repository, so every script runs against the same grpc-js.
    private const string PackagesFolder = "tests/Integration.Tests/Interop";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<Task<string>> Installed = new(InstallAsync);

    /// <summary>The packages folder with node_modules ready; throws the install failure on every call.</summary>
    public static Task<string> EnsureInstalledAsync() => Installed.Value;

    /// <summary>
    /// Runs <c>node script args</c> in the script's folder and returns how it ended. A relative
    /// <paramref name="script"/> is in the packages folder; a script elsewhere finds the packages through NODE_PATH.
    /// </summary>
    public static async Task<ProcessResult> RunScriptAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var directory = await EnsureInstalledAsync();
        var path = Path.GetFullPath(Path.Combine(directory, script));
        return await ChildProcess.RunAsync("node", [path, .. arguments], Path.GetDirectoryName(path)!, timeout, NodePath(directory));
    }

    // Node resolves require() from the script's folder upwards first, so this only matters outside the packages folder.
    private static Dictionary<string, string> NodePath(string packagesDirectory) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { ["NODE_PATH"] = Path.Combine(packagesDirectory, "node_modules") };

    private static async Task<string> InstallAsync()
    {
        var directory = FindPackagesDirectory();
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

    // The packages stay in the source tree, found by walking up from the test binaries (tests/<project>/bin/...).
    private static string FindPackagesDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, PackagesFolder);
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"Cannot find {PackagesFolder}/package.json above {AppContext.BaseDirectory}.");
    }
}
