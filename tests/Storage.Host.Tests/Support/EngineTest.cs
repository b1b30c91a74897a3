using PairDb.Storage.Engine;

namespace PairDb.Storage.Tests.Support;

/// <summary>A spec class with a fresh engine per test (its own temporary data directory); at most 3 siblings per key.</summary>
public abstract class EngineTest : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    protected StorageEngine Engine { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Engine = TestEngines.Open(_directory, static o => o with { MaxSiblings = 3 });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Engine.DisposeAsync();
        _directory.Dispose();
    }
}
