using PairDb.Storage.Engine;
using PairDb.Storage.Hosting;

namespace PairDb.Storage.Tests.Support;

/// <summary>Opens engines on temp folders with small, test-friendly settings.</summary>
internal static class TestEngines
{
    public static StorageEngineOptions Options(string directory) => new()
    {
        DataDirectory = directory,
        Durability = DurabilityMode.Os,
        PageCacheKiB = 1024,
        ReadConnections = 2,
    };

    public static StorageEngine Open(TempDirectory directory, Func<StorageEngineOptions, StorageEngineOptions>? configure = null, TimeProvider? time = null)
    {
        var options = Options(directory.Path);
        return StorageEngine.Open(configure is null ? options : configure(options), time);
    }
}
