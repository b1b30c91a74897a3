namespace PairDb.Integration.Tests.Interop;

/// <summary>
/// The Python side of the interoperability tests: Debian's /usr/bin/python3 with python3-grpcio and
/// python3-grpc-tools (scripts/test.sh installs them). A missing interpreter or module fails the tests with the
/// reason and the install command; it never skips them.
/// </summary>
internal static class PythonToolchain
{
    /// <summary>
    /// Debian's interpreter by absolute path: <c>python3</c> on PATH may be a pyenv build that does not see
    /// /usr/lib/python3/dist-packages, where the Debian packages install grpc and grpc_tools.
    /// </summary>
    public const string Interpreter = "/usr/bin/python3";

    private const string InstallHint =
        "Install them with: apt-get install -y python3-grpcio python3-grpc-tools (scripts/test.sh does this when they are missing).";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<Task<string>> Checked = new(CheckAsync);

    /// <summary>The grpcio version /usr/bin/python3 imports; throws the reason it cannot on every call.</summary>
    public static Task<string> EnsureInstalledAsync() => Checked.Value;

    /// <summary>Runs <c>/usr/bin/python3 script args</c> in the script's folder and returns how it ended.</summary>
    public static async Task<ProcessResult> RunScriptAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        await EnsureInstalledAsync();
        return await ChildProcess.RunAsync(Interpreter, [script, .. arguments], Path.GetDirectoryName(script)!, timeout, Environment());
    }

    // Keeps a pyenv or virtualenv setting of the caller's shell from redirecting Debian's interpreter (empty means
    // unset to Python); no bytecode files land next to the committed script.
    private static Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["PYTHONPATH"] = string.Empty,
        ["PYTHONHOME"] = string.Empty,
        ["PYTHONNOUSERSITE"] = "1",
        ["PYTHONDONTWRITEBYTECODE"] = "1",
        ["PYTHONUNBUFFERED"] = "1",
    };

    private static async Task<string> CheckAsync()
    {
        if (!File.Exists(Interpreter))
        {
            throw new InvalidOperationException(
                $"{Interpreter} is missing; the Python interoperability tests need Debian's python3 with python3-grpcio and python3-grpc-tools. "
                + InstallHint);
        }

        var check = await ChildProcess.RunAsync(
            Interpreter,
            ["-c", "import grpc, grpc_tools.protoc; print(grpc.__version__)"],
            Path.GetTempPath(),
            CheckTimeout,
            Environment());
        if (check.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Interpreter} cannot import grpc and grpc_tools.protoc (Debian packages python3-grpcio and python3-grpc-tools). "
                + InstallHint + "\n" + check.Describe());
        }

        return check.StandardOutput.Trim();
    }
}
