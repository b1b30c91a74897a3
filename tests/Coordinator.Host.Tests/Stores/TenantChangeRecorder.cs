using System.Threading.Channels;
using PairDb.Coordinator.Security;
using PairDb.Coordinator.Tenants;

namespace PairDb.Coordinator.Tests.Stores;

/// <summary>Records the tenant (or token) ids a feed announces, in order, for tests to take one by one.</summary>
internal sealed class TenantChangeRecorder : IDisposable
{
    /// <summary>Bound on waiting for one announcement: it asserts that the announcement comes, not how fast.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly Channel<string> _heard = Channel.CreateUnbounded<string>();
    private readonly IDisposable _subscription;

    public TenantChangeRecorder(ITenantChangeFeed feed) => _subscription = feed.Subscribe(id => _heard.Writer.TryWrite(id));

    public TenantChangeRecorder(ITokenChangeFeed feed) => _subscription = feed.Subscribe(id => _heard.Writer.TryWrite(id));

    /// <summary>The next announced tenant id; throws <see cref="TimeoutException"/> when none comes within the bound.</summary>
    public async Task<string> NextAsync()
    {
        using var deadline = new CancellationTokenSource(Patience);
        try
        {
            return await _heard.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No change was announced within {Patience.TotalSeconds} s.");
        }
    }

    public void Dispose() => _subscription.Dispose();
}
