using System.Globalization;
using PairDb.Messages.Values;

namespace PairDb.Bench.Load;

/// <summary>Options of the load generator, parsed from --name value pairs.</summary>
public sealed record LoadOptions
{
    /// <summary>One endpoint, or several separated by commas (workers are spread over them).</summary>
    public string Target { get; init; } = "127.0.0.1:50051";
    public LoadSystem System { get; init; } = LoadSystem.PairDb;
    public LoadWorkload Workload { get; init; } = LoadWorkload.Write;
    public int Concurrency { get; init; } = 64;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    public int Keys { get; init; } = 100_000;
    public int ValueSize { get; init; } = 100;
    public Consistency Consistency { get; init; } = Consistency.Quorum;
    public string Tenant { get; init; } = "default";
    public bool HotKey { get; init; }

    /// <summary>--batch-size: keys per unit of work; null = 100 for the batch workloads, 1 for the others.</summary>
    public int? BatchSize { get; init; }
    public bool Json { get; init; }
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>--token: bearer token sent with every PairDB call (a coordinator with authentication on); empty sends none.</summary>
    public string Token { get; init; } = string.Empty;

    public const string Usage =
        "--target HOST:PORT --workload write|read|mixed|batch-write|batch-read --concurrency N --duration S --keys K --value-size B "
        + "--consistency one|quorum|all [--batch-size N] [--system pairdb|etcd] [--tenant T] [--warmup S] [--hot-key] [--json] [--timeout-ms MS] [--token TOKEN]";

    /// <summary>Whether each unit of work is one BatchRead or BatchWrite call.</summary>
    public bool IsBatch => Workload is LoadWorkload.BatchWrite or LoadWorkload.BatchRead;

    /// <summary>
    /// Keys per unit of work, whose latency is one sample: one batch call of that many keys, or (for the other
    /// workloads) that many single calls sent at once; 1 by default for those, 100 for the batch workloads.
    /// </summary>
    public int UnitSize => BatchSize ?? (IsBatch ? 100 : 1);

    /// <summary>Parses the arguments; returns null and a problem description when they are wrong.</summary>
    public static LoadOptions? Parse(IReadOnlyList<string> args, out string problem)
    {
        var options = new LoadOptions();
        problem = string.Empty;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--hot-key" or "--json")
            {
                options = name == "--hot-key" ? options with { HotKey = true } : options with { Json = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                problem = $"Option {name} needs a value.";
                return null;
            }

            var value = args[++i];
            options = Apply(options, name, value, out problem);
            if (problem.Length > 0)
            {
                return null;
            }
        }

        problem = options.Problem();
        return problem.Length == 0 ? options : null;
    }

    /// <summary>Combinations that cannot run: batches against etcd, batches of one hot key, units larger than the key space.</summary>
    private string Problem() =>
        IsBatch && System != LoadSystem.PairDb ? "The batch workloads need --system pairdb."
        : UnitSize > 1 && HotKey ? "--hot-key takes units of one key (a batch names each key once)."
        : UnitSize > Keys ? $"--batch-size {UnitSize} needs at least as many --keys."
        : string.Empty;

    private static LoadOptions Apply(LoadOptions options, string name, string value, out string problem)
    {
        problem = string.Empty;
        switch (name)
        {
            case "--target": return options with { Target = value };
            case "--tenant": return options with { Tenant = value };
            case "--token": return options with { Token = value };
            case "--system" when Enum.TryParse<LoadSystem>(value, ignoreCase: true, out var system):
                return options with { System = system };
            case "--workload" when Enum.TryParse<LoadWorkload>(value.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var workload):
                return options with { Workload = workload };
            case "--consistency" when ConsistencyLevels.TryParse(value, out var consistency):
                return options with { Consistency = consistency };
            case "--concurrency" when Positive(value) is { } n: return options with { Concurrency = n };
            case "--keys" when Positive(value) is { } n: return options with { Keys = n };
            case "--batch-size" when Positive(value) is { } n: return options with { BatchSize = n };
            case "--value-size" when NonNegative(value) is { } n: return options with { ValueSize = n };
            case "--duration" when Positive(value) is { } n: return options with { Duration = TimeSpan.FromSeconds(n) };
            case "--warmup" when NonNegative(value) is { } n: return options with { Warmup = TimeSpan.FromSeconds(n) };
            case "--timeout-ms" when Positive(value) is { } n: return options with { RequestTimeout = TimeSpan.FromMilliseconds(n) };
            default:
                problem = $"Unknown option or bad value: {name} {value}";
                return options;
        }
    }

    private static int? Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    private static int? NonNegative(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
