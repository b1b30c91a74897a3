using System.CommandLine;

namespace PairDb.Cli.Commands;

/// <summary>Options and arguments shared by the kv commands (new instances per command).</summary>
public static class KvOptions
{
    public static Argument<string> Tenant() => new("TENANT") { Description = "Tenant id." };

    public static Argument<string> Key() => new("KEY") { Description = "Key (1-1024 bytes)." };

    public static Option<string?> Consistency()
    {
        var option = new Option<string?>("--consistency")
        {
            Description = "How many replicas must answer: one, quorum or all. Default: quorum.",
            HelpName = "one|quorum|all",
        };
        option.AcceptOnlyFromAmong("one", "quorum", "all");
        return option;
    }
}
