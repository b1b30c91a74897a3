namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>Values the downward API would give one pod (its name, namespace and address).</summary>
internal sealed record PodFields(string Name, string Namespace, string Address = "10.0.0.10")
{
    public string? Resolve(string fieldPath) => fieldPath switch
    {
        "metadata.name" => Name,
        "metadata.namespace" => Namespace,
        "status.podIP" => Address,
        _ => null,
    };
}
