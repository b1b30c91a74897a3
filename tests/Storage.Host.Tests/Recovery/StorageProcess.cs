using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PairDb.Storage.Tests.Recovery;

/// <summary>
/// The built Storage.Host.dll running as a child process (`dotnet Storage.Host.dll`) on a free loopback port;
/// its gRPC address is read from its start-up log line.
/// </summary>
internal sealed partial class StorageProcess : IDisposable
{
    private readonly Process _process;

    private StorageProcess(Process process, string address)
    {
        _process = process;
        Address = address;
    }

    public string Address { get; }

    public static async Task<StorageProcess> StartAsync(string dataDirectory, string durability)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Storage.Host.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment.Remove("CONFIG_PATH");
        start.Environment["NODE_ID"] = "crash-node";
        start.Environment["SERVER_PORT"] = "0";
        start.Environment["HEALTH_PORT"] = "off";
        start.Environment["METRICS_PORT"] = "off";
        start.Environment["DATA_DIR"] = dataDirectory;
        start.Environment["DURABILITY"] = durability;

        var output = new ConcurrentQueue<string>();
        var address = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => address.TrySetException(new InvalidOperationException("The storage process exited during start-up."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var bound = await address.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return new StorageProcess(process, bound);
        }
        catch (Exception ex)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
            throw new InvalidOperationException(
                "The storage process did not start. Output:" + Environment.NewLine + string.Join(Environment.NewLine, output), ex);
        }

        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            if (ServingLine().Match(line) is { Success: true } match)
            {
                address.TrySetResult(match.Groups[1].Value);
            }
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"serving gRPC on (http://[0-9.]+:[0-9]+)")]
    private static partial Regex ServingLine();
}
