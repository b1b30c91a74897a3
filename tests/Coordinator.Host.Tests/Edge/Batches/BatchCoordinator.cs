using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Edge.Batches;

/// <summary>
/// One in-process coordinator (embedded storage, RF 3) shared by the batch tests of a class, each test on keys of its
/// own: batches of at most <see cref="MaxBatchKeys"/> keys, values of at most <see cref="MaxValueBytes"/>, and message
/// limits small enough that a BatchRead of a few such values passes its answer bound.
/// </summary>
public sealed class BatchCoordinator : IAsyncLifetime
{
    public const int MaxBatchKeys = 10;
    public const int MaxValueBytes = 64 * 1024;

    private InProcessCoordinator? _coordinator;

    public CoordinatorService.CoordinatorServiceClient Client =>
        (_coordinator ?? throw new InvalidOperationException("The coordinator starts in InitializeAsync.")).Client;

    public async Task InitializeAsync() => _coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with
    {
        MaxBatchKeys = MaxBatchKeys,
        MaxValueBytes = MaxValueBytes,
        ReplicaMaxBatchBytes = MaxValueBytes,
    });

    public async Task DisposeAsync()
    {
        if (_coordinator is not null)
        {
            await _coordinator.DisposeAsync();
        }
    }
}
