using PairDb.Coordinator.Security;

namespace PairDb.Coordinator.Tenants;

/// <summary>
/// The in-process <see cref="ITenantChangeFeed"/> (and, for token ids, <see cref="ITokenChangeFeed"/>): <see cref="Publish"/>
/// calls every subscriber on the caller's thread. A throwing subscriber does not keep the others from hearing of the change.
/// </summary>
public sealed class TenantChangeBroadcaster : ITenantChangeFeed, ITokenChangeFeed
{
    private readonly Lock _gate = new();
    private Action<string>[] _subscribers = [];

    public IDisposable Subscribe(Action<string> onTenantChanged)
    {
        ArgumentNullException.ThrowIfNull(onTenantChanged);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onTenantChanged];
        }

        return new Subscription(this, onTenantChanged);
    }

    /// <summary>Tells every subscriber that <paramref name="tenantId"/> changed; returns the subscriber failures, if any.</summary>
    public IReadOnlyList<Exception> Publish(string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);

        // Copy-on-write array: publishing reads a snapshot without taking the lock.
        var subscribers = Volatile.Read(ref _subscribers);
        List<Exception>? failures = null;
        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber(tenantId);
            }
            catch (Exception ex)
            {
                (failures ??= []).Add(ex);
            }
        }

        return failures is null ? [] : failures;
    }

    private void Unsubscribe(Action<string> subscriber)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_subscribers, subscriber);
            if (index >= 0)
            {
                _subscribers = [.. _subscribers.AsSpan(0, index), .. _subscribers.AsSpan(index + 1)];
            }
        }
    }

    private sealed class Subscription(TenantChangeBroadcaster owner, Action<string> subscriber) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(subscriber);
            }
        }
    }
}
