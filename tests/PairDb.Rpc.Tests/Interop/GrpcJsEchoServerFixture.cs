using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace PairDb.Rpc.Tests.Interop;

/// <summary>
/// Runs echo-server.js (grpc-js, insecure, 127.0.0.1 on a free port) for one test class and always kills it
/// afterwards. Its stdout is a stream of JSON events: the bound port first, then handler cancellations.
/// </summary>
public sealed class GrpcJsEchoServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<JsonNode> _cancellations = Channel.CreateUnbounded<JsonNode>();
    private readonly StringBuilder _log = new();
    private Process? _process;
    private Task? _pumps;

    /// <summary>Where our GrpcChannel reaches the node server.</summary>
    public string Address { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var directory = await NodeToolchain.EnsureInstalledAsync();
        _process = ChildProcess.Start("node", ["echo-server.js"], directory, redirectInput: true);
        _pumps = Task.WhenAll(PumpEventsAsync(_process.StandardOutput), PumpErrorsAsync(_process.StandardError));
        try
        {
            var port = await _port.Task.WaitAsync(StartTimeout);
            Address = "http://127.0.0.1:" + port;
        }
        catch (TimeoutException)
        {
            var output = Log();
            await DisposeAsync(); // A fixture that failed to start must not leave node running.
            throw new InvalidOperationException($"echo-server.js reported no port within {StartTimeout.TotalSeconds:0} s. output:\n{output}");
        }
    }

    /// <summary>Forgets cancellation events seen so far, so a test waits only for its own.</summary>
    public void ClearCancellations()
    {
        while (_cancellations.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>The next {"event":"cancelled","method":...,"hadDeadline":...} the server printed.</summary>
    public async Task<JsonNode> NextCancellationAsync(TimeSpan timeout)
    {
        try
        {
            return await _cancellations.Reader.ReadAsync().AsTask().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"echo-server.js reported no cancellation within {timeout.TotalSeconds:0} s. Events so far:\n{Log()}");
        }
    }

    public async Task DisposeAsync()
    {
        // Taken once, so a second call (after a failed start) does nothing.
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        // Closing stdin asks the script to exit; the kill covers a script that does not.
        try
        {
            process.StandardInput.Close();
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await process.WaitForExitAsync();
        await _pumps!;
        process.Dispose();
    }

    private async Task PumpEventsAsync(StreamReader stdout)
    {
        while (await stdout.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith('{'))
            {
                continue; // Not an event (nothing else is expected on stdout, but it must not stop the pump).
            }

            Append(line);
            var node = JsonNode.Parse(line);
            switch ((string?)node?["event"])
            {
                case "listening":
                    _port.TrySetResult((int)node!["port"]!);
                    break;
                case "cancelled":
                    _cancellations.Writer.TryWrite(node!);
                    break;
                default:
                    break;
            }
        }

        _port.TrySetException(new InvalidOperationException($"echo-server.js exited before listening. output:\n{Log()}"));
        _cancellations.Writer.TryComplete();
    }

    private async Task PumpErrorsAsync(StreamReader stderr)
    {
        while (await stderr.ReadLineAsync() is { } line)
        {
            Append("stderr: " + line);
        }
    }

    private void Append(string line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }
}
