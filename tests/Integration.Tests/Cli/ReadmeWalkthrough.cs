using System.Text;
using PairDb.Integration.Tests.Cluster;

namespace PairDb.Integration.Tests.Cli;

/// <summary>
/// The `pairdb` commands of the README's CLI walkthrough (the lines between the cli-walkthrough markers), so the
/// documentation and the test that runs it cannot drift apart.
/// </summary>
public static class ReadmeWalkthrough
{
    public const string StartMarker = "<!-- cli-walkthrough:start -->";
    public const string EndMarker = "<!-- cli-walkthrough:end -->";

    /// <summary>Each command's arguments after "pairdb", split as a shell would (quotes removed).</summary>
    public static IReadOnlyList<string[]> Commands()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var start = readme.IndexOf(StartMarker, StringComparison.Ordinal);
        var end = readme.IndexOf(EndMarker, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidDataException($"README.md has no {StartMarker} ... {EndMarker} section.");
        }

        var commands = new List<string[]>();
        foreach (var rawLine in readme[(start + StartMarker.Length)..end].Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith("pairdb ", StringComparison.Ordinal))
            {
                commands.Add(SplitWords(line["pairdb ".Length..]));
            }
        }

        return commands;
    }

    /// <summary>Splits a command line as a POSIX shell does for plain words: whitespace separates, '...' is literal,
    /// "..." keeps spaces and honours \" and \\, a backslash outside quotes escapes the next character.</summary>
    public static string[] SplitWords(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            switch (c)
            {
                case ' ' or '\t':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    break;
                case '\'':
                    var close = line.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw new InvalidDataException($"Unclosed ' in: {line}");
                    }

                    word.Append(line, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    for (i++; i < line.Length && line[i] != '"'; i++)
                    {
                        if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\')
                        {
                            i++;
                        }

                        word.Append(line[i]);
                    }

                    if (i >= line.Length)
                    {
                        throw new InvalidDataException($"Unclosed \" in: {line}");
                    }

                    inWord = true;
                    break;
                case '\\' when i + 1 < line.Length:
                    word.Append(line[++i]);
                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }

    /// <summary>A copy of <paramref name="args"/> with the value after <paramref name="option"/> replaced.</summary>
    public static string[] WithOption(string[] args, string option, string value)
    {
        var copy = (string[])args.Clone();
        var index = Array.IndexOf(copy, option);
        copy[index + 1] = value;
        return copy;
    }
}
