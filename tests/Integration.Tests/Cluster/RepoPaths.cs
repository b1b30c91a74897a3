namespace PairDb.Integration.Tests.Cluster;

/// <summary>Locates the built server assemblies (same configuration as this test assembly).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string CoordinatorDll => Built("src/Coordinator.Host", "Coordinator.Host.dll");

    public static string StorageDll => Built("src/Storage.Host", "Storage.Host.dll");

    /// <summary>The build output of examples/<paramref name="name"/> (a program using PairDb.Client).</summary>
    public static string ExampleDll(string name) => Built("examples/" + name, name + ".dll");

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first ({Configuration}): {path} is missing.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PairDb.Akka.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("PairDb.Akka.sln not found above " + AppContext.BaseDirectory);
    }
}
