using System.Threading.Channels;
using PairDb.Rpc.Server;

namespace PairDb.Rpc.Tests.Observability;

/// <summary>Keeps every call the server reports, in order; tests await the next one.</summary>
public sealed class RecordingObserver : IServerCallObserver
{
    private readonly Channel<CompletedCall> _calls = Channel.CreateUnbounded<CompletedCall>();

    public void OnCallCompleted(in CompletedCall call) => _calls.Writer.TryWrite(call);

    /// <summary>The next reported call; fails the test when none comes within 10 s.</summary>
    public async Task<CompletedCall> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _calls.Reader.ReadAsync(timeout.Token);
    }
}
