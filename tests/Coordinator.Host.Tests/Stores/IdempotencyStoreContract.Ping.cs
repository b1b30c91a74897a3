using FluentAssertions;

namespace PairDb.Coordinator.Tests.Stores;

/// <summary>The readiness ping: answers while the store is open, throws once it is closed.</summary>
public abstract partial class IdempotencyStoreContract
{
    [Fact]
    public async Task PingAsync_OpenStore_Completes()
    {
        var store = await OpenAsync();

        var ping = () => store.PingAsync(CancellationToken.None);

        await ping.Should().NotThrowAsync();
    }

    [Fact]
    public async Task PingAsync_ClosedStore_Throws()
    {
        var store = await OpenAsync();
        await StoreLifetime.CloseAsync(store);

        var ping = () => store.PingAsync(CancellationToken.None);

        await ping.Should().ThrowAsync<Exception>();
    }
}
