using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PairDb.Coordinator.Security;
using PairDb.Coordinator.Tenants;

namespace PairDb.Coordinator.Stores.Postgres;

/// <summary>
/// Hears tenant and token changes from every coordinator: a dedicated connection (outside the pool) runs LISTEN on
/// <see cref="PostgresMetadataStore.TenantsChannel"/> and <see cref="PostgresMetadataStore.TokensChannel"/> and announces
/// each notification's tenant id on its feed, each token id on <see cref="Tokens"/>.
/// A lost connection is reopened after a delay; changes made while it was down are not replayed, so caches
/// must still expire entries on their own (TenantCache's TTL bounds how stale they get).
/// </summary>
public sealed class PostgresTenantChangeListener : ITenantChangeFeed, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly TimeSpan _reconnectDelay;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TenantChangeBroadcaster _changes = new();
    private readonly TenantChangeBroadcaster _tokens = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private long _connections;

    private PostgresTenantChangeListener(string connectionString, TimeSpan reconnectDelay, TimeProvider time, ILogger logger)
    {
        _connectionString = connectionString;
        _reconnectDelay = reconnectDelay;
        _time = time;
        _logger = logger;
    }

    /// <summary>Times a LISTEN connection was opened (1 after start; more after reconnects).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Opens the LISTEN connection (so no change committed after this returns is missed) and starts listening.</summary>
    public static async Task<PostgresTenantChangeListener> StartAsync(
        string connectionString, TimeSpan? reconnectDelay = null, TimeProvider? time = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var listener = new PostgresTenantChangeListener(
            connectionString, reconnectDelay ?? TimeSpan.FromSeconds(1), time ?? TimeProvider.System, logger ?? NullLogger.Instance);
        var first = await listener.ConnectAsync(cancellationToken);
        listener._loop = listener.RunAsync(first);
        return listener;
    }

    /// <summary>Ids of tenant tokens created or revoked by any coordinator.</summary>
    public ITokenChangeFeed Tokens => _tokens;

    public IDisposable Subscribe(Action<string> onTenantChanged) => _changes.Subscribe(onTenantChanged);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }

    private async Task<NpgsqlConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        // Keepalive: a silently dropped connection is noticed (and replaced) instead of waiting forever.
        var builder = new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false, KeepAlive = 10 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            connection.Notification += OnNotification;
            await using (var listen = new NpgsqlCommand($"LISTEN {PostgresMetadataStore.TenantsChannel}; LISTEN {PostgresMetadataStore.TokensChannel};", connection))
            {
                await listen.ExecuteNonQueryAsync(cancellationToken);
            }

            Interlocked.Increment(ref _connections);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task RunAsync(NpgsqlConnection? connection)
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                connection ??= await ConnectAsync(token);
                while (true)
                {
                    await connection.WaitAsync(token);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                TenantChangeLog.ListenFailed(_logger, _reconnectDelay.TotalMilliseconds, ex);
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                    connection = null;
                }

                try
                {
                    await Task.Delay(_reconnectDelay, _time, token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        var feed = e.Channel == PostgresMetadataStore.TokensChannel ? _tokens : _changes;
        foreach (var failure in feed.Publish(e.Payload))
        {
            TenantChangeLog.SubscriberFailed(_logger, e.Payload, failure);
        }
    }
}
