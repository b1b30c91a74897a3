using System.Globalization;
using System.Text.Json;
using FluentAssertions;

namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>The root Dockerfile's two targets against the code: ports exposed, assembly run, user, base images, build context.</summary>
public sealed class DockerfileTests
{
    private static readonly DockerfileModel Dockerfile = DockerfileModel.Load(RepositoryLayout.Dockerfile);

    public static TheoryData<string> Processes => ManifestPortTests.Processes;

    [Theory]
    [MemberData(nameof(Processes))]
    public void Expose_EveryTarget_ListsItsProcesssDefaultPorts(string containerName)
    {
        // Arrange
        var process = ProcessNamed(containerName);

        // Act
        var exposed = Instructions(process, "EXPOSE")
            .SelectMany(static a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(static p => int.Parse(p.Split('/')[0], CultureInfo.InvariantCulture))
            .ToList();

        // Assert
        exposed.Should().BeEquivalentTo(process.DefaultPorts.Values);
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void Entrypoint_EveryTarget_RunsItsProjectsAssembly(string containerName)
    {
        // Arrange
        var process = ProcessNamed(containerName);

        // Act
        var entrypoint = JsonSerializer.Deserialize<string[]>(Instructions(process, "ENTRYPOINT")[^1]);

        // Assert
        entrypoint.Should().Equal(["dotnet", process.AssemblyName + ".dll"]);
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void Copy_EveryTarget_TakesTheFolderItsProjectWasPublishedTo(string containerName)
    {
        // Arrange
        var process = ProcessNamed(containerName);
        var copied = Instructions(process, "COPY").Select(static a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(static w => w[0].StartsWith("--from=", StringComparison.Ordinal))
            .Should().ContainSingle().Subject;
        var buildStage = Dockerfile.Find(copied[0]["--from=".Length..]);

        // Act
        var published = buildStage!.Instructions.Where(static i => i.Keyword == "RUN")
            .SelectMany(static i => i.Arguments.Split("&&"))
            .Select(static c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(static w => w.Length > 2 && w[0] == "dotnet" && w[1] == "publish")
            .Select(static w => (Project: Path.GetFileNameWithoutExtension(w[2]), Output: w[Array.IndexOf(w, "-o") + 1]))
            .ToList();

        // Assert
        published.Should().Contain((process.AssemblyName, copied[1]));
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void User_EveryTarget_IsNotRoot(string containerName)
    {
        // Arrange
        var process = ProcessNamed(containerName);

        // Act
        var users = Instructions(process, "USER");

        // Assert
        users.Should().NotBeEmpty();
        new[] { "root", "0", "0:0", "root:root" }.Should().NotContain(users[^1]);
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void Env_EveryTarget_SetsOnlySettingsItsProcessReadsAndTheyLoad(string containerName)
    {
        // Arrange: ASPNETCORE_ and DOTNET_ variables belong to the runtime, not to the process's options.
        var process = ProcessNamed(containerName);
        var environment = Instructions(process, "ENV").SelectMany(static a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(static pair => pair.Split('=', 2))
            .ToDictionary(static p => p[0], static p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);

        // Act
        var own = environment.Where(static e => !e.Key.StartsWith("ASPNETCORE_", StringComparison.Ordinal) && !e.Key.StartsWith("DOTNET_", StringComparison.Ordinal))
            .ToDictionary(static e => e.Key, static e => e.Value, StringComparer.Ordinal);
        var loaded = process.LoadWithScratchDataFolder(own);

        // Assert
        own.Keys.Should().NotBeEmpty().And.BeSubsetOf(process.SettingNames);
        System.Net.IPAddress.Parse(loaded.BindAddress).Should().Be(System.Net.IPAddress.Any, "a container must listen beyond its loopback");
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void BaseImages_EveryTarget_AreTheAspNetRuntimeOfTheTargetFramework(string containerName)
    {
        // Arrange
        var process = ProcessNamed(containerName);
        var version = $"{Environment.Version.Major}.0";

        // Act
        var runtime = Dockerfile.BaseImageOf(process.DockerTarget);
        var builds = Dockerfile.Stages.Where(static s => s.Instructions.Any(static i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal))).ToList();

        // Assert
        runtime.Should().Be("mcr.microsoft.com/dotnet/aspnet:" + version);
        builds.Should().ContainSingle().Which.BaseImage.Should().Be("mcr.microsoft.com/dotnet/sdk:" + version);
    }

    [Fact]
    public void DockerIgnore_BuildContext_KeepsWhatTheBuildCopiesAndDropsBuildOutput()
    {
        // Arrange
        var lines = File.ReadAllLines(RepositoryLayout.DockerIgnore).Select(static l => l.Trim()).Where(static l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var sources = Dockerfile.Stages.SelectMany(static s => s.Instructions)
            .Where(static i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from=", StringComparison.Ordinal))
            .SelectMany(static i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            .Select(static s => s.TrimEnd('/').Split('/')[0])
            .Distinct()
            .ToList();

        // Act
        var excludedByDefault = lines.Contains("*");
        var reincluded = lines.Where(static l => l.StartsWith('!')).Select(static l => l[1..].TrimEnd('/')).ToList();

        // Assert
        sources.Should().Contain("src");
        if (excludedByDefault)
        {
            sources.Should().BeSubsetOf(reincluded, "an allow-list .dockerignore must let every COPY source in");
        }

        lines.Should().Contain(["**/bin/", "**/obj/"]);
    }

    private static IReadOnlyList<string> Instructions(ServerProcess process, string keyword) =>
        Dockerfile.InstructionsOf(process.DockerTarget).Where(i => i.Keyword == keyword).Select(static i => i.Arguments).ToList();

    private static ServerProcess ProcessNamed(string containerName) => ServerProcess.All.Single(p => p.ContainerName == containerName);
}
