using FluentAssertions;
using PairDb.Actors.Ports;
using PairDb.Coordinator.Stores.Redis;
using PairDb.Coordinator.Tests.Infrastructure;
using StackExchange.Redis;

namespace PairDb.Coordinator.Tests.Stores.Redis;

/// <summary>The Redis store keeps working when the server drops its connection (a Redis restart or failover looks the same to it).</summary>
public sealed class RedisReconnectTests
{
    private static readonly TimeSpan ReconnectDeadline = TimeSpan.FromSeconds(15);

    private readonly string _clientName = "pairdb-reconnect-" + Guid.NewGuid().ToString("N");
    private readonly string _prefix = "pairdb:idem:reconnect-" + Guid.NewGuid().ToString("N") + ":";

    [Fact]
    public async Task ClaimAsync_AfterTheServerKilledTheConnection_SucceedsOnANewConnection()
    {
        // Arrange
        var configuration = ConfigurationOptions.Parse(TestServers.RedisConfiguration);
        configuration.ClientName = _clientName;
        await using var store = await RedisIdempotencyStore.ConnectAsync(configuration, keyPrefix: _prefix);
        (await store.ClaimAsync("t", "before", "fp", DateTime.UtcNow.AddSeconds(30), CancellationToken.None)).Should().BeOfType<IdempotencyClaim.Claimed>();
        using var admin = await ConnectionMultiplexer.ConnectAsync(TestServers.RedisConfiguration + ",allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        var killed = await ClientIdsAsync(server);
        killed.Should().NotBeEmpty();

        // Act
        foreach (var client in await server.ClientListAsync())
        {
            if (client.Name == _clientName)
            {
                await server.ClientKillAsync(client.Address!);
            }
        }

        var claim = await ClaimUntilReconnectedAsync(store);

        // Assert
        claim.Should().BeOfType<IdempotencyClaim.Claimed>();
        (await ClientIdsAsync(server)).Should().NotIntersectWith(killed, "the store reconnected with new connections");
    }

    /// <summary>
    /// A claim sent in the instant before the client notices the dead socket can fail; any claim after that must wait in the
    /// backlog and succeed once reconnected. Only connection failures are retried, and only until the deadline.
    /// </summary>
    private static async Task<IdempotencyClaim> ClaimUntilReconnectedAsync(RedisIdempotencyStore store)
    {
        var deadline = DateTime.UtcNow + ReconnectDeadline;
        while (true)
        {
            try
            {
                return await store.ClaimAsync("t", "after", "fp", DateTime.UtcNow.AddSeconds(30), CancellationToken.None);
            }
            catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private async Task<List<long>> ClientIdsAsync(IServer server)
    {
        var ids = new List<long>();
        foreach (var client in await server.ClientListAsync())
        {
            if (client.Name == _clientName)
            {
                ids.Add(client.Id);
            }
        }

        return ids;
    }
}
