using System.Text.RegularExpressions;
using FluentAssertions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>The shape of k8s/: every file applied, references and selectors consistent, replica and disruption budgets as designed.</summary>
public sealed partial class ManifestTests
{
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
    public void CoordinatorDeployment_Replicas_AreThree()
    {
        // Arrange
        var (workload, _) = Manifests.WorkloadRunning(ServerProcess.Coordinator.ContainerName);

        // Act
        var replicas = workload.Replicas;

        // Assert
        workload.Object.Kind.Should().Be("Deployment");
        replicas.Should().Be(3);
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
    public void CoordinatorPdb_MinAvailable_LeavesRoomForOneEviction()
    {
        // Arrange
        var (workload, _) = Manifests.WorkloadRunning(ServerProcess.Coordinator.ContainerName);

        // Act
        var minAvailable = BudgetFor(workload).Spec.Int("minAvailable");

        // Assert
        minAvailable.Should().NotBeNull().And.BeLessThan(workload.Replicas!.Value);
    }

    [Fact]
    public void CoordinatorHpa_Target_ScalesTheCoordinatorDeploymentOnCpu()
    {
        // Arrange
        var (workload, _) = Manifests.WorkloadRunning(ServerProcess.Coordinator.ContainerName);
        var hpa = Manifests.OfKind("HorizontalPodAutoscaler").Should().ContainSingle().Subject;

        // Act
        var target = hpa.Spec.Get("scaleTargetRef");
        var metric = hpa.Spec.Items("metrics").Should().ContainSingle().Subject;

        // Assert
        hpa.ApiVersion.Should().Be("autoscaling/v2");
        target.Text("kind").Should().Be(workload.Object.Kind);
        target.Text("name").Should().Be(workload.Object.Name);
        metric.Text("type").Should().Be("Resource");
        metric.Text("resource", "name").Should().Be("cpu");
        metric.Text("resource", "target", "type").Should().Be("Utilization");
        hpa.Spec.Int("minReplicas").Should().BeGreaterThanOrEqualTo(workload.Replicas!.Value);
        hpa.Spec.Int("maxReplicas").Should().BeGreaterThan(hpa.Spec.Int("minReplicas")!.Value);
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
        selected.Should().HaveCount(4);
        foreach (var (obj, pods) in selected)
        {
            pods.Should().Equal([obj.Name], "{0} must select the pods of workload {1} and no others", obj, obj.Name);
        }
    }

    [Fact]
    public void StorageStatefulSet_ServiceName_IsAHeadlessServiceOverItsPods()
    {
        // Arrange
        var (workload, _) = Manifests.WorkloadRunning(ServerProcess.Storage.ContainerName);

        // Act
        var service = Manifests.Find("Service", workload.Object.Spec.Text("serviceName") ?? string.Empty);

        // Assert
        service.Should().NotBeNull("spec.serviceName must name a Service in k8s/ for the pods' DNS names to exist");
        service!.Spec.Text("clusterIP").Should().Be("None");
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
