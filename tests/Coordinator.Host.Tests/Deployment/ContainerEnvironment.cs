using System.Text;
using YamlDotNet.RepresentationModel;

namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>
/// The environment Kubernetes would give a container: envFrom ConfigMaps and Secrets first, then env entries
/// (which win), with downward-API fields filled from <see cref="PodFields"/> and $(NAME) in an env value replaced by
/// a variable defined before it. References that do not resolve to an object (or key) defined in k8s/ are collected
/// in <see cref="Problems"/> instead of throwing.
/// </summary>
internal sealed class ContainerEnvironment
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sources = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    public ContainerEnvironment(ManifestSet manifests, PodWorkload workload, PodContainer container, PodFields fields)
    {
        var ns = workload.Object.Namespace;
        foreach (var from in container.EnvFrom)
        {
            if (from.Get("configMapRef") is { } configMap)
            {
                AddAll(Data(manifests, "ConfigMap", configMap.Text("name"), ns), "ConfigMap/" + configMap.Text("name"));
            }
            else if (from.Get("secretRef") is { } secret)
            {
                AddAll(Data(manifests, "Secret", secret.Text("name"), ns), "Secret/" + secret.Text("name"));
            }
            else
            {
                _problems.Add($"{container}: envFrom entry of an unknown kind");
            }
        }

        foreach (var entry in container.Env)
        {
            var name = entry.Text("name") ?? string.Empty;
            if (entry.Text("value") is { } literal)
            {
                Set(name, Expand(container, name, literal), "value");
            }
            else if (entry.Get("valueFrom", "fieldRef") is { } field)
            {
                var path = field.Text("fieldPath") ?? string.Empty;
                if (fields.Resolve(path) is { } value)
                {
                    Set(name, value, "fieldRef " + path);
                }
                else
                {
                    _problems.Add($"{container}: {name} reads field '{path}', which this test cannot fill");
                }
            }
            else if (entry.Get("valueFrom", "configMapKeyRef") is { } configMapKey)
            {
                SetFromKey(name, Data(manifests, "ConfigMap", configMapKey.Text("name"), ns), configMapKey, "ConfigMap/");
            }
            else if (entry.Get("valueFrom", "secretKeyRef") is { } secretKey)
            {
                SetFromKey(name, Data(manifests, "Secret", secretKey.Text("name"), ns), secretKey, "Secret/");
            }
            else
            {
                _problems.Add($"{container}: env {name} has no value this test understands");
            }
        }
    }

    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>Where each value came from: "ConfigMap/name", "Secret/name", "value" or "fieldRef path".</summary>
    public IReadOnlyDictionary<string, string> Sources => _sources;

    public IReadOnlyList<string> Problems => _problems;

    public string? Lookup(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// Kubernetes' dependent variables: $(NAME) becomes the value of a variable defined earlier (envFrom, or an env entry
    /// above this one) and $$ becomes $. An unresolved reference stays as written, as Kubernetes leaves it, and is a problem.
    /// </summary>
    private string Expand(PodContainer container, string name, string value)
    {
        var expanded = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var close = value[i] == '$' && i + 1 < value.Length && value[i + 1] == '(' ? value.IndexOf(')', i + 2) : -1;
            if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '$')
            {
                expanded.Append('$');
                i++;
            }
            else if (close > 0 && _values.TryGetValue(value[(i + 2)..close], out var referenced))
            {
                expanded.Append(referenced);
                i = close;
            }
            else
            {
                if (close > 0)
                {
                    _problems.Add($"{container}: {name} refers to $({value[(i + 2)..close]}), which is not defined before it");
                }

                expanded.Append(value[i]);
            }
        }

        return expanded.ToString();
    }

    private void AddAll(IReadOnlyDictionary<string, string>? data, string source)
    {
        foreach (var (key, value) in data ?? new Dictionary<string, string>())
        {
            Set(key, value, source);
        }
    }

    private void SetFromKey(string name, IReadOnlyDictionary<string, string>? data, YamlNode reference, string kind)
    {
        var objectName = reference.Text("name");
        var key = reference.Text("key") ?? string.Empty;
        if (data is not null && data.TryGetValue(key, out var value))
        {
            Set(name, value, kind + objectName);
        }
        else if (data is not null)
        {
            _problems.Add($"{name}: {kind}{objectName} has no key '{key}'");
        }
    }

    private void Set(string name, string value, string source)
    {
        _values[name] = value;
        _sources[name] = source;
    }

    /// <summary>A ConfigMap's data, or a Secret's stringData plus decoded data; null (and a problem) when not defined in k8s/.</summary>
    private IReadOnlyDictionary<string, string>? Data(ManifestSet manifests, string kind, string? name, string? ns)
    {
        var target = manifests.Objects.SingleOrDefault(o => o.Kind == kind && o.Name == name && o.Namespace == ns);
        if (target is null)
        {
            _problems.Add($"{kind}/{name} in namespace '{ns}' is referenced but not defined in k8s/");
            return null;
        }

        var data = new Dictionary<string, string>(target.Root.Pairs("data"), StringComparer.Ordinal);
        foreach (var (key, value) in target.Root.Pairs("stringData"))
        {
            data[key] = value;
        }

        if (kind == "Secret")
        {
            foreach (var (key, value) in target.Root.Pairs("data"))
            {
                data[key] = Encoding.UTF8.GetString(Convert.FromBase64String(value));
            }
        }

        return data;
    }
}
