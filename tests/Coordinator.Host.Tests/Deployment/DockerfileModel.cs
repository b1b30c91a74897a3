using System.Text;

namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>
/// A Dockerfile split into stages of instructions (continuation lines joined, comments dropped), enough to read
/// what a build target exposes, runs and as whom.
/// </summary>
internal sealed class DockerfileModel
{
    private readonly List<Stage> _stages = [];

    private DockerfileModel(string text)
    {
        foreach (var line in LogicalLines(text))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arguments = space < 0 ? string.Empty : line[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(static w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
                var name = words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                _stages.Add(new Stage(words[0], name));
            }
            else if (_stages.Count > 0)
            {
                _stages[^1].Instructions.Add(new Instruction(keyword, arguments));
            }
        }
    }

    public IReadOnlyList<Stage> Stages => _stages;

    public static DockerfileModel Load(string path) => new(File.ReadAllText(path));

    public Stage? Find(string name) => _stages.SingleOrDefault(s => s.Name == name);

    /// <summary>The instructions a target runs, its base stages' first (a stage FROM another stage inherits it).</summary>
    public IReadOnlyList<Instruction> InstructionsOf(string target)
    {
        var chain = new List<Stage>();
        for (var stage = Find(target); stage is not null; stage = Find(stage.BaseImage))
        {
            chain.Insert(0, stage);
        }

        return chain.SelectMany(static s => s.Instructions).ToList();
    }

    /// <summary>The external image a target finally builds on.</summary>
    public string? BaseImageOf(string target)
    {
        var stage = Find(target);
        while (stage is not null && Find(stage.BaseImage) is { } parent)
        {
            stage = parent;
        }

        return stage?.BaseImage;
    }

    private static IEnumerable<string> LogicalLines(string text)
    {
        var current = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current.Append(line[..^1]).Append(' ');
                continue;
            }

            current.Append(line);
            var logical = current.ToString().Trim();
            current.Clear();
            if (logical.Length > 0)
            {
                yield return logical;
            }
        }
    }

    /// <summary>One FROM ... [AS name] block.</summary>
    public sealed record Stage(string BaseImage, string? Name)
    {
        public List<Instruction> Instructions { get; } = [];
    }

    /// <summary>One instruction: upper-cased keyword and its raw arguments.</summary>
    public sealed record Instruction(string Keyword, string Arguments);
}
