using System.Diagnostics;
using System.Text;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// A real server process (`dotnet X.dll`) with fixed environment, so it can be killed with SIGKILL and started
/// again on the same ports and data. Output is kept (bounded) for failure messages.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private const int MaxOutputChars = 200_000;
    private static readonly TimeSpan SignalBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan KillBound = TimeSpan.FromSeconds(30);
    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public ServerProcess(string name, string dll, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        _dll = dll;
        _environment = environment;
    }

    public string Name { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The running process's id; null when it is not running.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        var start = new ProcessStartInfo("dotnet", [_dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>SIGTERM: the graceful stop an orchestrator asks for; the process drains and exits on its own.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>
    /// SIGSTOP: the process freezes as in a long GC pause or a stalled VM; its sockets stay open and the kernel still
    /// accepts connections and buffers requests for it, but nothing answers until <see cref="Resume"/>.
    /// </summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT: a paused process runs on from where it stopped.</summary>
    public void Resume() => Signal("CONT");

    private void Signal(string signal)
    {
        if (_process is not { HasExited: false } process)
        {
            throw new InvalidOperationException($"{Name} is not running.");
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        if (!kill.WaitForExit(SignalBound))
        {
            kill.Kill();
            throw new TimeoutException($"kill -{signal} {process.Id} ({Name}) did not finish within {SignalBound.TotalSeconds} s.");
        }

        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} failed with exit code {kill.ExitCode}.");
        }
    }

    /// <summary>The exit code once the process has exited, or null if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} was never started.");
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested)
        {
            return null;
        }

        return process.ExitCode;
    }

    /// <summary>
    /// SIGKILL: no shutdown code runs, as in a crash. Returns once the process has exited, so its data directory and
    /// ports are free; throws if it is still alive after the bound.
    /// </summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            if (!process.WaitForExit(KillBound))
            {
                throw new TimeoutException($"{Name} (process {process.Id}) was still running {KillBound.TotalSeconds} s after SIGKILL.");
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        finally
        {
            _process?.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < MaxOutputChars)
            {
                _output.AppendLine(line);
            }
        }
    }
}
