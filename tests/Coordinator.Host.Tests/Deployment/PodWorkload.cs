using YamlDotNet.RepresentationModel;

namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>A Deployment or StatefulSet seen through its pod template.</summary>
internal sealed record PodWorkload(KubeObject Object)
{
    public YamlNode? Template => Object.Spec.Get("template");

    public YamlNode? PodSpec => Template.Get("spec");

    public IReadOnlyDictionary<string, string> TemplateLabels => Template.Pairs("metadata", "labels");

    public IReadOnlyDictionary<string, string> TemplateAnnotations => Template.Pairs("metadata", "annotations");

    public IReadOnlyDictionary<string, string> Selector => Object.Spec.Pairs("selector", "matchLabels");

    public int? Replicas => Object.Spec.Int("replicas");

    public int? TerminationGracePeriodSeconds => PodSpec.Int("terminationGracePeriodSeconds");

    public IReadOnlyList<PodContainer> Containers =>
        PodSpec.Items("containers").Select(static c => new PodContainer(c)).ToList();

    /// <summary>Names of the StatefulSet's volume claim templates (none for a Deployment).</summary>
    public IReadOnlyList<string> ClaimTemplateNames =>
        Object.Spec.Items("volumeClaimTemplates").Select(static t => t.Text("metadata", "name") ?? string.Empty).ToList();

    /// <summary>True when every pair of <paramref name="selector"/> is among the pod template's labels.</summary>
    public bool PodsMatch(IReadOnlyDictionary<string, string> selector) =>
        selector.Count > 0 && selector.All(pair => TemplateLabels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    public override string ToString() => Object.ToString();
}
