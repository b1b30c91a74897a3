using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace PairDb.Rpc.Tests.Interop;

/// <summary>Starts external tools (node, npm) with bounded run times; a missing tool is a clear error.</summary>
public static class ChildProcess
{
    /// <summary>A started process with UTF-8 standard streams redirected (stdin too, when asked).</summary>
    public static Process Start(string fileName, IReadOnlyList<string> arguments, string workingDirectory, bool redirectInput = false)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException($"'{fileName}' did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"Cannot run '{fileName}': {ex.Message}. The interoperability tests need Node.js 20+ and npm on PATH "
                + "(Debian: apt-get install -y nodejs npm).", ex);
        }
    }

    /// <summary>Runs a process to its end; kills it and throws <see cref="TimeoutException"/> past <paramref name="timeout"/>.</summary>
    public static async Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var command = fileName + " " + string.Join(' ', arguments);
        using var process = Start(fileName, arguments, workingDirectory);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(timer.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            var partial = new ProcessResult(command, -1, await stdout, await stderr);
            throw new TimeoutException($"'{command}' did not finish within {timeout.TotalSeconds:0} s and was killed.\n{partial.Describe()}");
        }

        return new ProcessResult(command, process.ExitCode, await stdout, await stderr);
    }
}
