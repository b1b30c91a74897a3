using System.CommandLine;
using System.CommandLine.Parsing;
using FluentAssertions;
using PairDb.Cli.Output;
using PairDb.Cli.Parsing;
using PairDb.Cli.Tests.Support;

namespace PairDb.Cli.Tests.Parsing;

public sealed class CommandLineParsingTests
{
    private static readonly RootCommand Root = CliApp.BuildRoot(new CliEnvironment
    {
        Out = TextWriter.Null,
        Error = TextWriter.Null,
        OpenInput = () => Stream.Null,
        GetVariable = static _ => null,
        Console = CliRunner.CreateConsole(TextWriter.Null),
    });

    [Theory]
    [InlineData("cluster status", "cluster status")]
    [InlineData("cluster members", "cluster members")]
    [InlineData("cluster leave 10.0.0.2:4053", "cluster leave")]
    [InlineData("cluster down coordinator-2.pairdb:4053", "cluster down")]
    [InlineData("cluster down [::1]:4053 -o json", "cluster down")]
    [InlineData("cluster shards", "cluster shards")]
    [InlineData("ring show", "ring show")]
    [InlineData("ring show --tenant acme", "ring show")]
    [InlineData("ring show -t acme", "ring show")]
    [InlineData("node list", "node list")]
    [InlineData("node add storage-4 --host 10.0.0.4 --port 50064", "node add")]
    [InlineData("node add storage-4 --host h --port 1 --vnodes 64 --watch --interval 250ms", "node add")]
    [InlineData("node remove storage-2", "node remove")]
    [InlineData("node remove storage-2 --force --watch", "node remove")]
    [InlineData("node remove storage-2 -f -w --interval 2s", "node remove")]
    [InlineData("node drain storage-2", "node drain")]
    [InlineData("node drain storage-2 --watch --interval 1.5s", "node drain")]
    [InlineData("tenant list", "tenant list")]
    [InlineData("tenant create acme", "tenant create")]
    [InlineData("tenant create acme --rf 2", "tenant create")]
    [InlineData("tenant get acme", "tenant get")]
    [InlineData("tenant set-rf acme 2", "tenant set-rf")]
    [InlineData("tenant set-rf acme 2 --watch --interval 500ms", "tenant set-rf")]
    [InlineData("tenant limits set acme --requests-per-second 100 --bytes-per-second 1048576", "tenant limits set")]
    [InlineData("tenant limits set acme --requests-per-second 0", "tenant limits set")]
    [InlineData("tenant limits set acme --use-defaults", "tenant limits set")]
    [InlineData("migration status m-1", "migration status")]
    [InlineData("migration status m-1 --watch --interval 500ms", "migration status")]
    [InlineData("migration list", "migration list")]
    [InlineData("migration list --active", "migration list")]
    [InlineData("repair status", "repair status")]
    [InlineData("repair status --ranges", "repair status")]
    [InlineData("repair status --ranges -o json", "repair status")]
    [InlineData("kv put t k v", "kv put")]
    [InlineData("kv put t k -", "kv put")]
    [InlineData("kv put t k --value-file /tmp/value.bin", "kv put")]
    [InlineData("kv put t k --value-file -", "kv put")]
    [InlineData("kv put t k v --consistency all --idempotency-key retry-1", "kv put")]
    [InlineData("kv put t k v --if-absent --ttl 30s", "kv put")]
    [InlineData("kv put t k v --if-clock \"coord-a:3, coord-b:1\" --ttl 1d", "kv put")]
    [InlineData("kv put t k v --if-clock -", "kv put")]
    [InlineData("kv put t k v --context coord-a:3", "kv put")]
    [InlineData("kv delete t k --if-clock coord-a:3", "kv delete")]
    [InlineData("kv delete t k --context coord-a:3,coord-b:1", "kv delete")]
    [InlineData("kv get t k", "kv get")]
    [InlineData("kv get t k --consistency one", "kv get")]
    [InlineData("kv delete t k", "kv delete")]
    [InlineData("kv delete t k --consistency quorum", "kv delete")]
    [InlineData("--coordinator 10.0.0.1:50051 --output json --timeout 30s node list", "node list")]
    [InlineData("node list -o json -c host:1 --timeout 500ms", "node list")]
    [InlineData("node list --output TABLE", "node list")]
    public void Parse_ValidCommandLine_SelectsCommandWithoutErrors(string line, string expectedCommand)
    {
        // Act
        var parse = Parse(line);

        // Assert
        parse.Errors.Should().BeEmpty();
        CommandPath(parse).Should().Be(expectedCommand);
    }

    [Theory]
    [InlineData("", "Required command")]
    [InlineData("bogus", "bogus")]
    [InlineData("node", "Required command")]
    [InlineData("cluster", "Required command")]
    [InlineData("cluster members extra", "extra")]
    [InlineData("cluster leave", "Required argument missing for command: 'leave'")]
    [InlineData("cluster down", "Required argument missing for command: 'down'")]
    [InlineData("cluster down 10.0.0.2", "HOST:PORT")]
    [InlineData("cluster down 10.0.0.2:0", "HOST:PORT")]
    [InlineData("cluster leave akka.tcp://pairdb@10.0.0.2:4053", "HOST:PORT")]
    [InlineData("node list extra", "extra")]
    [InlineData("node add storage-4", "--host")]
    [InlineData("node add storage-4 --host h", "--port")]
    [InlineData("node add storage-4 --host h --port 0", "--port")]
    [InlineData("node add storage-4 --host h --port 70000", "from 1 to 65535")]
    [InlineData("node add storage-4 --host h --port abc", "--port")]
    [InlineData("node add storage-4 --host h --port 1 --vnodes 0", "--vnodes")]
    [InlineData("node add --host h --port 1", "Required argument missing for command: 'add'")]
    [InlineData("node remove", "Required argument missing for command: 'remove'")]
    [InlineData("node drain", "Required argument missing for command: 'drain'")]
    [InlineData("node drain n --force", "--force")]
    [InlineData("tenant create", "Required argument missing for command: 'create'")]
    [InlineData("tenant create acme --rf 0", "--rf")]
    [InlineData("tenant create acme --rf two", "--rf")]
    [InlineData("tenant get", "Required argument missing for command: 'get'")]
    [InlineData("tenant set-rf acme", "Required argument missing for command: 'set-rf'")]
    [InlineData("tenant set-rf acme 0", "N")]
    [InlineData("tenant limits set", "Required argument missing for command: 'set'")]
    [InlineData("tenant limits set acme --requests-per-second -1", "--requests-per-second")]
    [InlineData("tenant limits set acme --bytes-per-second 2147483648", "--bytes-per-second")]
    [InlineData("tenant limits set acme --bytes-per-second lots", "--bytes-per-second")]
    [InlineData("tenant limits set acme --use-defaults --requests-per-second 5", "Give either --use-defaults or limits")]
    [InlineData("migration status", "Required argument missing for command: 'status'")]
    [InlineData("migration status m-1 --interval 0", "--interval")]
    [InlineData("migration status m-1 --interval soon", "--interval")]
    [InlineData("repair", "Required command")]
    [InlineData("repair status extra", "extra")]
    [InlineData("repair status --ranges yes", "yes")]
    [InlineData("kv put t k", "VALUE")]
    [InlineData("kv put t k v --value-file f", "not both")]
    [InlineData("kv put t k v --ttl 5x", "--ttl: '5x' is not a positive duration (e.g. 30s, 5m, 2h, 1d).")]
    [InlineData("kv put t k v --ttl 0", "--ttl: '0' is not a positive duration")]
    [InlineData("kv put t k v --if-clock coord-a", "--if-clock: 'coord-a' is not a vector clock as pairdb prints it")]
    [InlineData("kv put t k v --context coord-a:0", "--context: 'coord-a:0' is not a vector clock")]
    [InlineData("kv put t k v --if-absent --if-clock coord-a:1", "Give at most one of --context, --if-clock and --if-absent.")]
    [InlineData("kv put t k v --context coord-a:1 --if-clock coord-a:1", "Give at most one of --context, --if-clock and --if-absent.")]
    [InlineData("kv delete t k --context coord-a:1 --if-clock coord-a:1", "Give at most one of --context and --if-clock.")]
    [InlineData("kv delete t k --if-absent", "--if-absent")]
    [InlineData("kv get t", "Required argument missing for command: 'get'")]
    [InlineData("kv get t k --consistency most", "most")]
    [InlineData("node list --output xml", "table, json")]
    [InlineData("node list --timeout -1s", "--timeout")]
    [InlineData("node list --coordinator nohostport", "HOST:PORT")]
    [InlineData("node list --coordinator host:0", "outside 1-65535")]
    public void Parse_InvalidCommandLine_ReportsError(string line, string expectedInMessage)
    {
        // Act
        var parse = Parse(line);

        // Assert
        parse.Errors.Should().NotBeEmpty();
        string.Join("\n", parse.Errors.Select(static e => e.Message)).Should().Contain(expectedInMessage);
    }

    [Fact]
    public void Parse_NodeAddOptions_CarryTypedValues()
    {
        // Act
        var parse = Parse("node add storage-4 --host 10.0.0.4 --port 50064 --vnodes 64 --watch --interval 250ms");

        // Assert
        parse.GetValue<string>("ID").Should().Be("storage-4");
        parse.GetValue<string>("--host").Should().Be("10.0.0.4");
        parse.GetValue<int>("--port").Should().Be(50064);
        parse.GetValue<int?>("--vnodes").Should().Be(64);
        parse.GetValue<bool>("--watch").Should().BeTrue();
        parse.GetValue<TimeSpan?>("--interval").Should().Be(TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public void Parse_KvPutTtl_WholeMillisecondsRoundedUp()
    {
        Parse("kv put t k v --ttl 2h").GetValue<long?>("--ttl").Should().Be(7_200_000);
        Parse("kv put t k v --ttl 0.5ms").GetValue<long?>("--ttl").Should().Be(1, "a time to live never rounds down to 0, which means never expires");
    }

    [Fact]
    public void Parse_GlobalOptionsAfterSubcommand_AreRecursive()
    {
        // Act
        var parse = Parse("tenant get acme -c 10.1.2.3:7000 -o json --timeout 2m");

        // Assert
        parse.Errors.Should().BeEmpty();
        parse.GetValue<CoordinatorAddress?>("--coordinator").Should().Be(new CoordinatorAddress("10.1.2.3", 7000));
        parse.GetValue<OutputFormat?>("--output").Should().Be(OutputFormat.Json);
        parse.GetValue<TimeSpan?>("--timeout").Should().Be(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void Parse_NoGlobalOptions_LeavesThemUnsetForDefaults()
    {
        // Act
        var parse = Parse("node list");

        // Assert
        parse.GetValue<CoordinatorAddress?>("--coordinator").Should().BeNull();
        parse.GetValue<OutputFormat?>("--output").Should().BeNull();
        parse.GetValue<TimeSpan?>("--timeout").Should().BeNull();
    }

    private static ParseResult Parse(string line) => Root.Parse(CommandLineParser.SplitCommandLine(line).ToArray());

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Command is not RootCommand; result = (CommandResult)result.Parent!)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names);
    }
}
