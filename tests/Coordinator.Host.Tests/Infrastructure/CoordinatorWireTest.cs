namespace PairDb.Coordinator.Tests.Infrastructure;

/// <summary>
/// A spec class with a fresh in-process coordinator per test (embedded defaults, its own data directory, a real
/// loopback listener) and a client on it.
/// </summary>
public abstract class CoordinatorWireTest : IAsyncLifetime
{
    private InProcessCoordinator? _coordinator;

    private protected InProcessCoordinator Coordinator =>
        _coordinator ?? throw new InvalidOperationException("The coordinator starts in InitializeAsync.");

    public async Task InitializeAsync() => _coordinator = await InProcessCoordinator.StartAsync();

    public async Task DisposeAsync()
    {
        if (_coordinator is not null)
        {
            await _coordinator.DisposeAsync();
        }
    }
}
