using System.Text.RegularExpressions;
using FluentAssertions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>The shape of k8s/: every file applied, references and selectors consistent, replica and disruption budgets as designed.</summary>
public sealed partial class ManifestTests
{
    /// <summary>A workload's headless service is named after it with this suffix when the plain name is its client service.</summary>
    private const string HeadlessSuffix = "-headless";

    private static ManifestSet Manifests => ManifestSet.Repository;

    [Fact]
    public void Kustomization_Resources_ListEveryManifestFileAndNothingElse()
    {
        // Arrange
        var listed = Manifests.Kustomization.Items("resources").Select(static r => ((YamlScalarNode)r).Value).ToList();

        // Act
        var unlisted = Manifests.Files.Except(listed).ToList();
        var missing = listed.Except(Manifests.Files).ToList();

        // Assert
        Manifests.Objects.Should().NotBeEmpty();
        unlisted.Should().BeEmpty("kubectl apply -k k8s/ applies only the files kustomization.yaml lists");
        missing.Should().BeEmpty("every listed resource must exist in k8s/");
        listed.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Namespace_EveryNamespacedObject_LivesInTheNamespaceK8sDefines()
    {
        // Arrange
        var ns = Manifests.OfKind("Namespace").Should().ContainSingle().Subject.Name;

        // Act
        var elsewhere = Manifests.Objects.Where(static o => o.Kind != "Namespace" && o.Namespace is not null).Where(o => o.Namespace != ns).ToList();
        var unset = Manifests.Objects.Where(static o => o.Kind != "Namespace" && o.Namespace is null).ToList();

        // Assert
        Manifests.Kustomization.Text("namespace").Should().Be(ns);
        elsewhere.Should().BeEmpty();
        unset.Should().BeEmpty("explicit namespaces keep `kubectl apply -f k8s/` equivalent to `-k`");
    }

    [Fact]
    public void Kustomization_Images_NameEveryContainerImage()
    {
        // Arrange
        var images = Manifests.Kustomization.Items("images").Select(static i => i.Text("name")).ToList();

        // Act
        var used = Manifests.Workloads.SelectMany(static w => w.Containers).Select(static c => (c.Node.Text("image") ?? string.Empty).Split(':')[0]).ToList();

        // Assert
        used.Should().NotBeEmpty().And.BeSubsetOf(images);
    }

    [Fact]
    public void Containers_EveryWorkload_RunOnlyServerProcessesThisTestKnows()
    {
        // Arrange: the environment checks need to know which options loader reads a container's variables.
        var known = ServerProcess.All.Select(static p => p.ContainerName).ToList();

        // Act
        var containers = Manifests.Workloads.SelectMany(static w => w.Containers.Concat(w.PodSpec.Items("initContainers").Select(static c => new PodContainer(c)))).Select(static c => c.Name).ToList();

        // Assert
        containers.Should().BeEquivalentTo(known);
    }

    [Fact]
    public void CoordinatorStatefulSet_Replicas_AreThree()
    {
        // Arrange
        var (workload, _) = Manifests.WorkloadRunning(ServerProcess.Coordinator.ContainerName);

        // Act
        var replicas = workload.Replicas;

        // Assert
        workload.Object.Kind.Should().Be("StatefulSet", "cluster members need stable names: their addresses and the seeds");
        replicas.Should().Be(3, "a cluster of two cannot survive losing its oldest member");
    }

    [Fact]
    public void StoragePdb_MinAvailable_IsTwo()
    {
        // Arrange
        var (workload, _) = Manifests.WorkloadRunning(ServerProcess.Storage.ContainerName);

        // Act
        var budget = BudgetFor(workload);

        // Assert
        workload.Object.Kind.Should().Be("StatefulSet");
        budget.Spec.Text("minAvailable").Should().Be("2");
        workload.Replicas.Should().BeGreaterThan(2, "a budget of minAvailable 2 over 2 pods would block every drain");
    }

    [Fact]
    public void CoordinatorPdb_MaxUnavailable_IsOne()
    {
        // Arrange
        var (workload, _) = Manifests.WorkloadRunning(ServerProcess.Coordinator.ContainerName);

        // Act
        var budget = BudgetFor(workload).Spec;

        // Assert
        budget.Int("maxUnavailable").Should().Be(1, "one eviction at a time leaves the cluster a majority");
        budget.Text("minAvailable").Should().BeNull("a budget sets one of minAvailable and maxUnavailable");
        workload.Replicas.Should().BeGreaterThan(2);
    }

    [Fact]
    public void Autoscalers_None_ScaleAWorkloadOfK8s()
    {
        // Arrange: coordinators are cluster members and storage nodes own data; neither is scaled on a CPU reading.
        var names = Manifests.Workloads.Select(static w => (w.Object.Kind, w.Object.Name)).ToList();

        // Act
        var targets = Manifests.OfKind("HorizontalPodAutoscaler")
            .Select(static h => (Kind: h.Spec.Text("scaleTargetRef", "kind") ?? string.Empty, Name: h.Spec.Text("scaleTargetRef", "name") ?? string.Empty))
            .ToList();

        // Assert
        names.Should().NotBeEmpty();
        targets.Should().NotIntersectWith(names);
    }

    [Fact]
    public void Selectors_EveryWorkload_MatchItsOwnPodTemplate()
    {
        // Arrange
        var workloads = Manifests.Workloads.ToList();

        // Act
        var mismatched = workloads.Where(static w => !w.PodsMatch(w.Selector)).ToList();

        // Assert
        workloads.Should().HaveCount(2);
        mismatched.Should().BeEmpty();
    }

    [Fact]
    public void Selectors_EveryServiceAndBudget_SelectExactlyTheirNamesakeWorkloadsPods()
    {
        // Arrange
        var selecting = Manifests.OfKind("Service").Select(static s => (s, s.Spec.Pairs("selector")))
            .Concat(Manifests.OfKind("PodDisruptionBudget").Select(static b => (b, b.Spec.Pairs("selector", "matchLabels"))))
            .ToList();

        // Act
        var selected = selecting.Select(pair => (Object: pair.Item1, Pods: Manifests.Workloads.Where(w => w.PodsMatch(pair.Item2)).Select(static w => w.Object.Name).ToList())).ToList();

        // Assert
        selected.Should().HaveCount(5);
        foreach (var (obj, pods) in selected)
        {
            var workload = obj.Name.EndsWith(HeadlessSuffix, StringComparison.Ordinal) ? obj.Name[..^HeadlessSuffix.Length] : obj.Name;
            pods.Should().Equal([workload], "{0} must select the pods of workload {1} and no others", obj, workload);
        }
    }

    [Theory]
    [MemberData(nameof(ManifestPortTests.Processes), MemberType = typeof(ManifestPortTests))]
    public void StatefulSets_ServiceName_IsAHeadlessServiceResolvingItsPodsBeforeTheyAreReady(string containerName)
    {
        // Arrange
        var (workload, _) = Manifests.WorkloadRunning(containerName);

        // Act
        var service = Manifests.Find("Service", workload.Object.Spec.Text("serviceName") ?? string.Empty);

        // Assert
        workload.Object.Kind.Should().Be("StatefulSet");
        service.Should().NotBeNull("spec.serviceName must name a Service in k8s/ for the pods' DNS names to exist");
        service!.Spec.Text("clusterIP").Should().Be("None");
        service.Spec.Text("publishNotReadyAddresses").Should().Be("true", "peers address a pod by name while it starts or is not ready");
        workload.PodsMatch(service.Spec.Pairs("selector")).Should().BeTrue();
    }

    [Fact]
    public void Resources_EveryContainer_HasCpuAndMemoryRequestsAndLimits()
    {
        // Arrange
        var containers = Manifests.Workloads.SelectMany(static w => w.Containers).ToList();

        // Act
        var missing = containers
            .SelectMany(static c => new[] { "requests", "limits" }.SelectMany(kind => new[] { "cpu", "memory" }.Select(resource => (c, kind, resource))))
            .Where(static x => x.c.Node.Text("resources", x.kind, x.resource) is null)
            .Select(static x => $"{x.c.Name}: resources.{x.kind}.{x.resource}")
            .ToList();

        // Assert
        containers.Should().NotBeEmpty();
        missing.Should().BeEmpty();
    }

    [Fact]
    public void StringValues_ConfigMapsSecretsEnvAndAnnotations_AreWrittenAsYamlStrings()
    {
        // Arrange: Kubernetes rejects a ConfigMap value, env value or annotation that YAML reads as a number or boolean.
        var scalars = Manifests.Objects.SelectMany(static o => o.Root.Entries("data").Concat(o.Root.Entries("stringData")).Concat(o.Root.Entries("metadata", "annotations")))
            .Concat(Manifests.Workloads.SelectMany(static w => w.Template.Entries("metadata", "annotations")))
            .Concat(Manifests.Workloads.SelectMany(static w => w.Containers).SelectMany(static c => c.Env).Select(static e => (e.Text("name") ?? string.Empty, e.Get("value") as YamlScalarNode)))
            .Where(static s => s.Item2 is not null)
            .ToList();

        // Act
        var untyped = scalars.Where(static s => s.Item2!.Style == ScalarStyle.Plain && NonStringPlainScalar().IsMatch(s.Item2.Value ?? string.Empty)).Select(static s => s.Item1).ToList();

        // Assert
        scalars.Should().NotBeEmpty();
        untyped.Should().BeEmpty("these values must be quoted");
    }

    private static KubeObject BudgetFor(PodWorkload workload) =>
        Manifests.OfKind("PodDisruptionBudget").Should().ContainSingle(b => workload.PodsMatch(b.Spec.Pairs("selector", "matchLabels"))).Subject;

    [GeneratedRegex(@"^(-?[0-9]+(\.[0-9]*)?|true|false|yes|no|on|off|null|~|)$", RegexOptions.IgnoreCase)]
    private static partial Regex NonStringPlainScalar();
}
