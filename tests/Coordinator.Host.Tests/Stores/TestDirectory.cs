namespace PairDb.Coordinator.Tests.Stores;

/// <summary>A fresh folder under the system temp path, deleted (best effort) on dispose.</summary>
internal sealed class TestDirectory : IDisposable
{
    public TestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pairdb-coordinator-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A store or node still closing its files; the temp folder is cleaned by the OS eventually.
        }
    }
}
