using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace PairDb.TestSupport.Interop;

/// <summary>Starts external tools (node, npm) with bounded run times; a missing tool is a clear error.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// A started process with UTF-8 standard streams redirected (stdin too, when asked) and
    /// <paramref name="environment"/> added to the inherited environment.
    /// </summary>
    public static Process Start(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        bool redirectInput = false,
        IReadOnlyDictionary<string, string>? environment = null)
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

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                info.Environment[name] = value;
            }
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
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var command = fileName + " " + string.Join(' ', arguments);
        using var process = Start(fileName, arguments, workingDirectory, environment: environment);
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
