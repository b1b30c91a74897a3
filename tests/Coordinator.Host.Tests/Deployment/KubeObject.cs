using YamlDotNet.RepresentationModel;

namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>One document of a manifest file: its kind, name and namespace, and the parsed tree.</summary>
internal sealed record KubeObject(string File, YamlMappingNode Root)
{
    public string Kind => Root.Text("kind") ?? string.Empty;

    public string Name => Root.Text("metadata", "name") ?? string.Empty;

    public string? Namespace => Root.Text("metadata", "namespace");

    public string ApiVersion => Root.Text("apiVersion") ?? string.Empty;

    public YamlNode? Spec => Root.Get("spec");

    public override string ToString() => $"{Kind}/{Name} ({File})";
}
