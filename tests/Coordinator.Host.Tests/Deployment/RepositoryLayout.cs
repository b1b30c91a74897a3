namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>Where the deployment files live in the working tree the tests were built from.</summary>
internal static class RepositoryLayout
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string ManifestDirectory => Path.Combine(Root, "k8s");

    public static string Dockerfile => Path.Combine(Root, "Dockerfile");

    public static string DockerIgnore => Path.Combine(Root, ".dockerignore");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PairDb.Akka.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("PairDb.Akka.sln not found above " + AppContext.BaseDirectory);
    }
}
