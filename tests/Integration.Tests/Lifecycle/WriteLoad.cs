using System.Collections.Concurrent;
using System.Net.Sockets;
using Grpc.Core;

namespace PairDb.Integration.Tests.Lifecycle;

/// <summary>
/// Concurrent writers that each keep writing new keys until stopped, recording every acknowledged write and every
/// failed call, so a test can stop a server under load and then judge how each call ended.
/// </summary>
internal sealed class WriteLoad
{
    /// <summary>The status detail both servers' drains refuse new calls with (the coordinator's DrainGate.RefusalMessage).</summary>
    private const string RefusalMessage = "server is shutting down";

    /// <summary>The HTTP/2 error code of a graceful close.</summary>
    private const long NoError = 0;

    private readonly ConcurrentDictionary<string, string> _acknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RpcException> _failures = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _writers;

    private WriteLoad(int writers, string prefix, Func<string, string, Task> write)
    {
        _writers = new Task[writers];
        for (var w = 0; w < writers; w++)
        {
            var writer = w;
            _writers[w] = Task.Run(() => RunWriterAsync(prefix + "-w" + writer, write));
        }
    }

    /// <summary>Key to value of every write the server acknowledged.</summary>
    public IReadOnlyDictionary<string, string> Acknowledged => _acknowledged;

    /// <summary>Every call that ended with a non-OK status.</summary>
    public IReadOnlyCollection<RpcException> Failures => _failures;

    /// <summary>
    /// Starts <paramref name="writers"/> writers; <paramref name="write"/> writes (key, value) and completes only once
    /// the server acknowledged it, throwing <see cref="RpcException"/> otherwise.
    /// </summary>
    public static WriteLoad Start(int writers, string prefix, Func<string, string, Task> write) => new(writers, prefix, write);

    /// <summary>
    /// True for how a call may end while a server stops gracefully: refused by its drain gate, never connected
    /// because the server no longer listens, or started on a connection the server was closing gracefully (GOAWAY with
    /// NO_ERROR before the call got any response: HTTP/2 says such a stream was not processed; grpc-dotnet reports it
    /// as INTERNAL "Error starting gRPC call"). False for a call cut off in flight (stream reset, connection lost after
    /// the response began), for anything the server decided itself (quorum lost, engine closed, actor stopped) and for
    /// every other status, DEADLINE_EXCEEDED included.
    /// </summary>
    public static bool IsRefusedOrUnreachable(RpcException error) => error.StatusCode switch
    {
        StatusCode.Unavailable => error.Status.Detail == RefusalMessage
            || error.Status.DebugException is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
                or SocketException { SocketErrorCode: SocketError.ConnectionRefused },
        StatusCode.Internal => error.Status.Detail.StartsWith("Error starting gRPC call.", StringComparison.Ordinal)
            && error.Status.DebugException is HttpRequestException
            {
                HttpRequestError: HttpRequestError.HttpProtocolError,
                InnerException: HttpProtocolException { ErrorCode: NoError },
            },
        _ => false,
    };

    public async Task WaitForAcknowledgedAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_acknowledged.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {_acknowledged.Count} writes were acknowledged within {timeout.TotalSeconds} s; failures: {Describe(_failures.Take(5))}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Stops the writers after their current call and waits for them.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_writers).WaitAsync(timeout);
    }

    public static string Describe(IEnumerable<RpcException> errors) =>
        string.Join("; ", errors.Select(static e => $"{e.StatusCode}: {e.Status.Detail} ({e.Status.DebugException?.GetType().Name}: {e.Status.DebugException?.Message})"));

    private async Task RunWriterAsync(string prefix, Func<string, string, Task> write)
    {
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            var key = prefix + "-" + i;
            var value = "value-of-" + key;
            try
            {
                await write(key, value);
                _acknowledged[key] = value;
            }
            catch (RpcException error)
            {
                _failures.Enqueue(error);

                // A stopped server refuses at once; don't spin on the refusals.
                await Task.Delay(20);
            }
        }
    }
}
