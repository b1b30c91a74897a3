using System.Net;
using FluentAssertions;
using PairDb.Coordinator.Configuration;

namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>
/// The environment each container gets from k8s/, against the code: every name is one its options loader reads,
/// every reference resolves inside k8s/, and the values load through the real loader into a pod that agrees with its
/// own ports, volumes and stable identity.
/// </summary>
public sealed class ManifestSettingsTests
{
    public static TheoryData<string> Processes => ManifestPortTests.Processes;

    private static ManifestSet Manifests => ManifestSet.Repository;

    [Theory]
    [MemberData(nameof(Processes))]
    public void References_EveryContainer_ResolveToObjectsAndKeysDefinedInK8s(string containerName)
    {
        // Arrange
        var (workload, container) = Manifests.WorkloadRunning(containerName);

        // Act
        var environment = EnvironmentOf(workload, container, workload.Object.Name + "-0");

        // Assert
        environment.Problems.Should().BeEmpty();
        environment.Values.Should().NotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void EnvironmentNames_EveryContainer_AreSettingsItsOptionsLoaderReads(string containerName)
    {
        // Arrange
        var process = ProcessNamed(containerName);
        var (workload, container) = Manifests.WorkloadRunning(containerName);

        // Act
        var names = EnvironmentOf(workload, container, workload.Object.Name + "-0").Values.Keys.ToList();

        // Assert
        process.SettingNames.Should().NotBeEmpty();
        names.Should().BeSubsetOf(process.SettingNames, "{0} ignores every other variable (ConfigMap and Secret keys included)", containerName);
    }

    [Fact]
    public void ConfigMapsAndSecrets_Every_IsConsumedByAContainer()
    {
        // Arrange
        var consumed = Manifests.Workloads
            .SelectMany(w => w.Containers.SelectMany(c => EnvironmentOf(w, c, w.Object.Name + "-0").Sources.Values))
            .ToHashSet(StringComparer.Ordinal);

        // Act
        var unused = Manifests.Objects.Where(static o => o.Kind is "ConfigMap" or "Secret").Select(static o => o.Kind + "/" + o.Name).Where(s => !consumed.Contains(s)).ToList();

        // Assert
        consumed.Should().NotBeEmpty();
        unused.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void Passwords_EveryContainer_ComeFromASecretOnly(string containerName)
    {
        // Arrange
        var process = ProcessNamed(containerName);
        var (workload, container) = Manifests.WorkloadRunning(containerName);
        var environment = EnvironmentOf(workload, container, workload.Object.Name + "-0");

        // Act
        var passwordSources = process.SettingNames.Where(static n => n.Contains("PASSWORD", StringComparison.Ordinal))
            .Select(n => (Name: n, Source: environment.Sources.GetValueOrDefault(n)))
            .ToList();

        var inConfigMaps = Manifests.OfKind("ConfigMap").SelectMany(static c => c.Root.Pairs("data").Keys).Intersect(passwordSources.Select(static p => p.Name)).ToList();

        // Assert
        foreach (var (name, source) in passwordSources)
        {
            source.Should().NotBeNull("{0} needs {1} to reach its servers", containerName, name);
            source.Should().StartWith("Secret/", "{0} must not sit in a ConfigMap or the manifest", name);
        }

        inConfigMaps.Should().BeEmpty("a password in a ConfigMap is readable by anyone who may read ConfigMaps, even when a Secret overrides it");
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void Environment_EveryContainer_LoadsThroughItsOptionsLoaderIntoThePodsPortsVolumesAndName(string containerName)
    {
        // Arrange
        var process = ProcessNamed(containerName);
        var (workload, container) = Manifests.WorkloadRunning(containerName);
        var podName = workload.Object.Name + "-1";
        var environment = EnvironmentOf(workload, container, podName);

        // Act
        var loaded = process.LoadFrom(environment.Values);

        // Assert
        loaded.GrpcPort.Should().Be(container.NamedPorts["grpc"]);
        loaded.HealthPort.Should().Be(container.NamedPorts["health"]);
        loaded.MetricsPort.Should().Be(container.NamedPorts.TryGetValue("metrics", out var metrics) ? metrics : null);
        loaded.RemotingPort.Should().Be(container.NamedPorts.TryGetValue("remoting", out var remoting) ? remoting : null);
        IPAddress.Parse(loaded.BindAddress).Should().Match<IPAddress>(a => a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any), "probes and peers reach the pod IP, not loopback");
        loaded.NodeId.Should().Be(podName, "the node id comes from the pod name (downward API)");
        container.Mounts.Values.Should().Contain(loaded.DataDirectory, "the data folder must be a mounted volume (the image's root file system is read-only)");
    }

    [Fact]
    public void StorageDataDir_StatefulSet_IsTheVolumeClaimTemplatesMount()
    {
        // Arrange
        var (workload, container) = Manifests.WorkloadRunning(ServerProcess.Storage.ContainerName);
        var loaded = ServerProcess.Storage.LoadFrom(EnvironmentOf(workload, container, workload.Object.Name + "-0").Values);

        // Act
        var claimMounts = workload.ClaimTemplateNames.Where(container.Mounts.ContainsKey).Select(n => container.Mounts[n]).ToList();

        // Assert
        claimMounts.Should().Equal([loaded.DataDirectory]);
    }

    [Fact]
    public void StorageNodes_CoordinatorEnvironment_AddressEveryStatefulSetPodThroughTheHeadlessService()
    {
        // Arrange
        var (coordinator, coordinatorContainer) = Manifests.WorkloadRunning(ServerProcess.Coordinator.ContainerName);
        var (storage, storageContainer) = Manifests.WorkloadRunning(ServerProcess.Storage.ContainerName);
        var service = storage.Object.Spec.Text("serviceName");
        var pods = Enumerable.Range(0, storage.Replicas!.Value).Select(i => $"{storage.Object.Name}-{i}").ToList();

        // Act
        var options = CoordinatorOptionsLoader.Load([], EnvironmentOf(coordinator, coordinatorContainer, coordinator.Object.Name + "-abc12").Lookup);
        var nodeIds = pods.Select(pod => ServerProcess.Storage.LoadFrom(EnvironmentOf(storage, storageContainer, pod).Values).NodeId).ToList();

        // Assert
        options.EmbeddedStorageNodes.Should().Be(0);
        options.StorageNodes.Select(static n => n.NodeId).Should().Equal(nodeIds, "the coordinator must register each node under the id the node itself reports");
        nodeIds.Should().Equal(pods);
        foreach (var node in options.StorageNodes)
        {
            var stableName = $"{node.NodeId}.{service}";
            node.Host.Should().Match(h => h == stableName || h.StartsWith(stableName + "." + storage.Object.Namespace + ".", StringComparison.Ordinal), "pod DNS through the headless service");
            node.Port.Should().Be(storageContainer.NamedPorts["grpc"]);
        }
    }

    [Fact]
    public void SharedStores_CoordinatorEnvironment_PointAtPostgresAndRedis()
    {
        // Arrange: replicas with embedded SQLite metadata would each see their own cluster.
        var (coordinator, container) = Manifests.WorkloadRunning(ServerProcess.Coordinator.ContainerName);

        // Act
        var options = CoordinatorOptionsLoader.Load([], EnvironmentOf(coordinator, container, coordinator.Object.Name + "-abc12").Lookup);

        // Assert
        coordinator.Replicas.Should().BeGreaterThan(1);
        options.DatabaseHost.Should().NotBeEmpty();
        options.RedisHost.Should().NotBeEmpty();
    }

    [Fact]
    public void ClusterSeeds_CoordinatorEnvironment_AreTheFirstTwoPodsSpelledAsTheirOwnHostnames()
    {
        // Arrange: Akka.NET matches a seed to a member by its address as written, so pod N's CLUSTER_HOSTNAME and the
        // seed naming pod N must be the same string.
        var (coordinator, container) = Manifests.WorkloadRunning(ServerProcess.Coordinator.ContainerName);
        var service = coordinator.Object.Spec.Text("serviceName");
        var pods = Enumerable.Range(0, coordinator.Replicas!.Value).Select(i => $"{coordinator.Object.Name}-{i}").ToList();

        // Act
        var clusters = pods.Select(pod => CoordinatorOptionsLoader.Load([], EnvironmentOf(coordinator, container, pod).Lookup).Cluster).ToList();

        // Assert
        foreach (var (pod, cluster) in pods.Zip(clusters))
        {
            var stableName = $"{pod}.{service}";
            cluster.Hostname.Should().Match(h => h == stableName || h.StartsWith(stableName + "." + coordinator.Object.Namespace + ".", StringComparison.Ordinal), "pod DNS through the headless service");
            cluster.Port.Should().Be(container.NamedPorts["remoting"]);
            cluster.Seeds.Should().Equal(clusters[0].Seeds, "every member joins through the same seeds");
        }

        clusters[0].Seeds.Should().Equal(new ClusterSeed(clusters[0].Hostname, clusters[0].Port), new ClusterSeed(clusters[1].Hostname, clusters[1].Port));
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void TerminationGrace_EveryWorkload_OutlastsPreStopPlusTheShutdownTimeout(string containerName)
    {
        // Arrange: the kubelet sends SIGKILL once the grace period (counted from the start of preStop) is over.
        var process = ProcessNamed(containerName);
        var (workload, container) = Manifests.WorkloadRunning(containerName);
        var loaded = process.LoadFrom(EnvironmentOf(workload, container, workload.Object.Name + "-0").Values);

        // Act
        var budget = TimeSpan.FromSeconds(container.PreStopSleepSeconds) + loaded.ShutdownTimeout;

        // Assert
        workload.TerminationGracePeriodSeconds.Should().NotBeNull();
        TimeSpan.FromSeconds(workload.TerminationGracePeriodSeconds!.Value).Should().BeGreaterThan(budget, "draining calls and closing the stores must finish before SIGKILL");
    }

    private static ContainerEnvironment EnvironmentOf(PodWorkload workload, PodContainer container, string podName) =>
        new(Manifests, workload, container, new PodFields(podName, workload.Object.Namespace ?? string.Empty));

    private static ServerProcess ProcessNamed(string containerName) => ServerProcess.All.Single(p => p.ContainerName == containerName);
}
