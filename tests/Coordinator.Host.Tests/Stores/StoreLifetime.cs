namespace PairDb.Coordinator.Tests.Stores;

/// <summary>Closes a store through whichever dispose pattern its implementation offers.</summary>
internal static class StoreLifetime
{
    public static async Task CloseAsync(object store)
    {
        switch (store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
