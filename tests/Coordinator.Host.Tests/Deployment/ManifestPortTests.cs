using System.Globalization;
using FluentAssertions;
using PairDb.Storage.Observability;

namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>
/// Ports in k8s/ against the code's defaults: the original system's probes hit the wrong port, so every probe,
/// container port, service target and scrape annotation is checked against the options types' defaults.
/// </summary>
public sealed class ManifestPortTests
{
    public static TheoryData<string> Processes => new(ServerProcess.All.Select(static p => p.ContainerName));

    private static ManifestSet Manifests => ManifestSet.Repository;

    [Theory]
    [MemberData(nameof(Processes))]
    public void ContainerPorts_EveryServerProcess_AreTheCodesDefaultPorts(string containerName)
    {
        // Arrange
        var process = ProcessNamed(containerName);
        var (_, container) = Manifests.WorkloadRunning(containerName);

        // Act
        var ports = container.NamedPorts;

        // Assert
        ports.Should().Equal(process.DefaultPorts);
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void Probes_EveryServerProcess_HitTheDefaultHealthPortOverHttp(string containerName)
    {
        // Arrange
        var process = ProcessNamed(containerName);
        var (_, container) = Manifests.WorkloadRunning(containerName);

        // Act
        var probes = PodContainer.ProbeKinds.Select(kind => (Kind: kind, Probe: container.Probe(kind))).Where(static p => p.Probe is not null).ToList();

        // Assert
        container.Probe("livenessProbe").Should().NotBeNull();
        container.Probe("readinessProbe").Should().NotBeNull();
        foreach (var (kind, probe) in probes)
        {
            probe.Get("httpGet").Should().NotBeNull("{0} of {1} must be an HTTP probe", kind, containerName);
            container.ResolvePort(probe.Text("httpGet", "port")).Should().Be(process.Defaults.HealthPort, "{0} of {1} must hit the health listener", kind, containerName);
            probe.Text("httpGet", "path").Should().StartWith("/");
        }
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void Services_EveryServerProcess_TargetTheDefaultGrpcPort(string containerName)
    {
        // Arrange
        var process = ProcessNamed(containerName);
        var (workload, container) = Manifests.WorkloadRunning(containerName);

        // Act
        var ports = Manifests.OfKind("Service").Where(s => workload.PodsMatch(s.Spec.Pairs("selector"))).SelectMany(static s => s.Spec.Items("ports")).ToList();

        // Assert
        var grpc = ports.Where(static p => p.Text("name") == "grpc").Should().ContainSingle("one service carries the clients' gRPC").Subject;
        grpc.Int("port").Should().Be(process.Defaults.GrpcPort);
        container.ResolvePort(grpc.Text("targetPort")).Should().Be(process.Defaults.GrpcPort);
        grpc.Text("appProtocol").Should().Be("kubernetes.io/h2c", "the gRPC listener is HTTP/2 cleartext");
        foreach (var port in ports)
        {
            var name = port.Text("name") ?? string.Empty;
            process.DefaultPorts.Should().ContainKey(name, "every service port is one of {0}'s listeners, by name", containerName);
            port.Int("port").Should().Be(process.DefaultPorts[name]);
            container.ResolvePort(port.Text("targetPort")).Should().Be(process.DefaultPorts[name]);
        }
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void ScrapeAnnotations_EveryServerProcess_PointAtTheDefaultMetricsPortAndPath(string containerName)
    {
        // Arrange
        var process = ProcessNamed(containerName);
        var (workload, container) = Manifests.WorkloadRunning(containerName);

        // Act
        var annotations = workload.TemplateAnnotations;

        // Assert
        process.Defaults.MetricsPort.Should().NotBeNull("{0} serves /metrics by default", containerName);
        annotations.Should().Contain("prometheus.io/scrape", "true");
        annotations.Should().Contain("prometheus.io/port", process.Defaults.MetricsPort!.Value.ToString(CultureInfo.InvariantCulture));
        annotations.Should().Contain("prometheus.io/path", MetricsScrape.Path);
        container.ResolvePort(annotations["prometheus.io/port"]).Should().Be(process.Defaults.MetricsPort);
    }

    private static ServerProcess ProcessNamed(string containerName) => ServerProcess.All.Single(p => p.ContainerName == containerName);
}
