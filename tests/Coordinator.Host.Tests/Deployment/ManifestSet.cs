using YamlDotNet.RepresentationModel;

namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>Every document of every YAML file in k8s/ (multi-document files included), parsed once per test run.</summary>
internal sealed class ManifestSet
{
    public const string KustomizationFile = "kustomization.yaml";

    private static readonly Lazy<ManifestSet> Loaded = new(() => Load(RepositoryLayout.ManifestDirectory));

    private ManifestSet(IReadOnlyList<string> files, IReadOnlyList<KubeObject> objects, YamlMappingNode kustomization)
    {
        Files = files;
        Objects = objects;
        Kustomization = kustomization;
    }

    public static ManifestSet Repository => Loaded.Value;

    /// <summary>File names (relative to k8s/) of every manifest except kustomization.yaml.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Every Kubernetes object defined in k8s/.</summary>
    public IReadOnlyList<KubeObject> Objects { get; }

    public YamlMappingNode Kustomization { get; }

    /// <summary>Deployments and StatefulSets: the objects that run pods.</summary>
    public IEnumerable<PodWorkload> Workloads =>
        Objects.Where(static o => o.Kind is "Deployment" or "StatefulSet" or "DaemonSet").Select(static o => new PodWorkload(o));

    public IEnumerable<KubeObject> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public KubeObject? Find(string kind, string name) => Objects.SingleOrDefault(o => o.Kind == kind && o.Name == name);

    /// <summary>The workload whose pods run a container of this name; fails when there is not exactly one.</summary>
    public (PodWorkload Workload, PodContainer Container) WorkloadRunning(string containerName)
    {
        var matches = Workloads
            .SelectMany(w => w.Containers.Where(c => c.Name == containerName).Select(c => (w, c)))
            .ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"expected one workload running a '{containerName}' container in k8s/, found {matches.Count}");
    }

    private static ManifestSet Load(string directory)
    {
        var files = new List<string>();
        var objects = new List<KubeObject>();
        YamlMappingNode? kustomization = null;
        foreach (var path in Directory.EnumerateFiles(directory).Where(static p => p.EndsWith(".yaml", StringComparison.Ordinal) || p.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var stream = new YamlStream();
            using (var reader = File.OpenText(path))
            {
                stream.Load(reader);
            }

            var documents = stream.Documents.Select(static d => d.RootNode).OfType<YamlMappingNode>().ToList();
            if (name == KustomizationFile)
            {
                kustomization = documents.Single();
                continue;
            }

            files.Add(name);
            objects.AddRange(documents.Select(root => new KubeObject(name, root)));
        }

        return new ManifestSet(files, objects, kustomization ?? throw new FileNotFoundException("k8s/" + KustomizationFile + " is missing"));
    }
}
