using System.Text.Json;
using PairDb.Cli.Tests.Support;

namespace PairDb.Cli.Tests.EndToEnd;

/// <summary>Base of the end-to-end classes: a reset fake coordinator and a CLI runner pointed at it.</summary>
[Collection(FakeServerCollection.Name)]
public abstract class EndToEndTest
{
    protected EndToEndTest(FakeCoordinatorServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        Server = server;
        Fake = server.Fake;
        Fake.Reset();
        Cli = new CliRunner(server.Address);
    }

    protected FakeCoordinatorServer Server { get; }

    protected FakeCoordinator Fake { get; }

    protected CliRunner Cli { get; }

    /// <summary>Parses stdout as exactly one JSON document.</summary>
    protected static JsonElement Json(CliResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }
}
