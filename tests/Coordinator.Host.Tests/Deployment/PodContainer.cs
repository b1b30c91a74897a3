using YamlDotNet.RepresentationModel;

namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>One container of a pod template: ports, probes, environment and mounts.</summary>
internal sealed record PodContainer(YamlNode Node)
{
    public static readonly string[] ProbeKinds = ["startupProbe", "livenessProbe", "readinessProbe"];

    public string Name => Node.Text("name") ?? string.Empty;

    /// <summary>containerPort by port name (unnamed ports are listed under their number).</summary>
    public IReadOnlyDictionary<string, int> NamedPorts =>
        Node.Items("ports").ToDictionary(
            static p => p.Text("name") ?? p.Text("containerPort") ?? string.Empty,
            static p => p.Int("containerPort") ?? -1,
            StringComparer.Ordinal);

    public IReadOnlyList<int> PortNumbers => NamedPorts.Values.Order().ToList();

    public YamlNode? Probe(string kind) => Node.Get(kind);

    /// <summary>The container port a probe or service refers to, by name or number; null when it names no port of this container.</summary>
    public int? ResolvePort(string? reference)
    {
        if (reference is null)
        {
            return null;
        }

        if (int.TryParse(reference, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return PortNumbers.Contains(number) ? number : null;
        }

        return NamedPorts.TryGetValue(reference, out var port) ? port : null;
    }

    public IReadOnlyList<YamlNode> Env => Node.Items("env");

    public IReadOnlyList<YamlNode> EnvFrom => Node.Items("envFrom");

    /// <summary>mountPath by volume name.</summary>
    public IReadOnlyDictionary<string, string> Mounts =>
        Node.Items("volumeMounts").ToDictionary(static m => m.Text("name") ?? string.Empty, static m => m.Text("mountPath") ?? string.Empty, StringComparer.Ordinal);

    /// <summary>Seconds a preStop hook waits (exec "sleep N" or the sleep action), 0 without one.</summary>
    public int PreStopSleepSeconds
    {
        get
        {
            var preStop = Node.Get("lifecycle", "preStop");
            if (preStop.Int("sleep", "seconds") is { } seconds)
            {
                return seconds;
            }

            var command = preStop.Items("exec", "command").Select(static c => ((YamlScalarNode)c).Value).ToList();
            return command.Count == 2 && command[0] is "sleep" or "/bin/sleep"
                ? int.Parse(command[1]!, System.Globalization.CultureInfo.InvariantCulture)
                : 0;
        }
    }

    public override string ToString() => "container " + Name;
}
