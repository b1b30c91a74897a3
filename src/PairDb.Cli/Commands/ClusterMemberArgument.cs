using System.CommandLine;
using PairDb.Cli.Parsing;

namespace PairDb.Cli.Commands;

/// <summary>The NODE argument of `cluster leave|down`: a member's HOST:PORT, checked before anything is sent.</summary>
public static class ClusterMemberArgument
{
    public static Argument<string> Create() => new("NODE")
    {
        Description = "The member's HOST:PORT (Akka remoting endpoint), as `pairdb cluster members` lists it.",
        CustomParser = ValueParsers.MemberAddress,
    };
}
