using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using PairDb.Coordinator.Composition;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Tests.Stores;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>
/// The probe paths in k8s/ against the code's real health endpoints, served over HTTP: liveness and startup must
/// answer 200 before the process is ready, readiness must be the path that reports readiness.
/// </summary>
public sealed class ProbePathTests
{
    private static readonly string[] LiveProbes = ["startupProbe", "livenessProbe"];

    private static ManifestSet Manifests => ManifestSet.Repository;

    [Fact]
    public async Task CoordinatorProbes_NotYetStarted_LivenessAnswers200AndReadinessAnswers503()
    {
        // Arrange: the coordinator's own health mapping (as Program.cs wires it), configured from the manifests'
        // environment, with no runtime yet (as while it starts). Kestrel listens on a free port; endpoints match on
        // the Host header, which the kubelet sets to <pod IP>:<probe port>.
        var (workload, container) = Manifests.WorkloadRunning(ServerProcess.Coordinator.ContainerName);
        var environment = new ContainerEnvironment(Manifests, workload, container, new PodFields(workload.Object.Name + "-abc12", workload.Object.Namespace ?? string.Empty));
        var options = CoordinatorOptionsLoader.Load([], environment.Lookup);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(static kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddCoordinatorGrpc(options, static () => null);
        await using var app = builder.Build();
        CoordinatorLifecycle.Map(app, options, static () => null);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        // Act
        var live = await ProbeAsync(client, container, LiveProbes);
        var ready = await ProbeAsync(client, container, ["readinessProbe"]);

        // Assert
        live.Should().NotBeEmpty().And.OnlyContain(static s => s == HttpStatusCode.OK);
        ready.Should().Equal([HttpStatusCode.ServiceUnavailable], "a coordinator that has not started must not receive traffic");
    }

    [Fact]
    public async Task StorageProbes_RunningNode_LivenessAnswers200AndReadinessAnswersItsHealth()
    {
        // Arrange: a real storage node; ports are picked freely, the paths are what is checked here.
        var (_, container) = Manifests.WorkloadRunning(ServerProcess.Storage.ContainerName);
        using var directory = new TestDirectory();
        await using var node = await StorageNodeServer.StartAsync(
            new StorageNodeOptions { NodeId = "probe-test", ServerPort = 0, HealthPort = 0, DataDir = directory.Path, Durability = DurabilityMode.Os },
            static logging => { },
            timeProvider: null);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{node.HealthPort}") };

        // Act
        var live = await ProbeAsync(client, container, LiveProbes);
        var ready = await ProbeAsync(client, container, ["readinessProbe"]);

        // Assert
        live.Should().NotBeEmpty().And.OnlyContain(static s => s == HttpStatusCode.OK);
        ready.Should().ContainSingle().Which.Should().BeOneOf([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], "readiness reports the node's health (503 when e.g. the disk is full)");
        PathsOf(container, ["readinessProbe"]).Should().NotIntersectWith(PathsOf(container, LiveProbes), "liveness must not fail when only readiness does");
    }

    private static IReadOnlyList<string> PathsOf(PodContainer container, IReadOnlyList<string> kinds) =>
        kinds.Select(container.Probe).Where(static p => p is not null).Select(static p => p.Text("httpGet", "path") ?? string.Empty).ToList();

    private static async Task<IReadOnlyList<HttpStatusCode>> ProbeAsync(HttpClient client, PodContainer container, IReadOnlyList<string> kinds)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var kind in kinds)
        {
            if (container.Probe(kind) is not { } probe)
            {
                continue;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, probe.Text("httpGet", "path"));
            request.Headers.Host = "10.0.0.10:" + container.ResolvePort(probe.Text("httpGet", "port"));
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
