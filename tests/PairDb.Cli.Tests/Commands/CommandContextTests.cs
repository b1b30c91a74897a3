using FluentAssertions;
using PairDb.Cli.Commands;
using PairDb.Cli.Errors;
using PairDb.Cli.Tests.Support;

namespace PairDb.Cli.Tests.Commands;

public sealed class CommandContextTests
{
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();
    private readonly CommandContext _context;

    public CommandContextTests()
    {
        _context = new CommandContext(
            new CliEnvironment
            {
                Out = _stdout,
                Error = _stderr,
                OpenInput = () => Stream.Null,
                GetVariable = static _ => null,
                Console = CliRunner.CreateConsole(_stdout),
            },
            new GlobalOptions());
    }

    [Fact]
    public async Task RunAsync_CtrlCDuringCommand_ExitsInterruptedWithOneLine()
    {
        // Arrange
        var parse = CliApp.BuildRoot(_context.Environment).Parse(["node", "list"]);
        using var interrupt = new CancellationTokenSource();
        var started = new TaskCompletionSource();

        // Act
        var run = _context.RunAsync(parse, "watch migration m-1", async session =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, session.CancellationToken);
            return ExitCodes.Ok;
        }, interrupt.Token);
        await started.Task;
        await interrupt.CancelAsync();
        var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        exitCode.Should().Be(ExitCodes.Interrupted);
        _stderr.ToString().Should().Be("pairdb: watch migration m-1: interrupted: stopped by Ctrl+C" + Environment.NewLine);
    }

    [Fact]
    public async Task RunAsync_TlsCertWithoutKey_UsageErrorBeforeAnyCall()
    {
        // Arrange
        var parse = CommandTree.Build(_context).Parse(["node", "list", "--tls-cert", "client.pem"]);

        // Act
        var exitCode = await _context.RunAsync(parse, "list storage nodes", static _ => throw new InvalidOperationException("must not run"), CancellationToken.None);

        // Assert
        exitCode.Should().Be(ExitCodes.Usage);
        _stderr.ToString().Should().Contain("--tls-cert and --tls-key go together");
    }

    [Fact]
    public async Task RunAsync_UnreadableTlsCaFile_UsageErrorNamingTheFile()
    {
        // Arrange
        var missing = Path.Combine(Path.GetTempPath(), "pairdb-missing-" + Guid.NewGuid().ToString("N") + ".pem");
        var parse = CommandTree.Build(_context).Parse(["node", "list", "--tls-ca", missing]);

        // Act
        var exitCode = await _context.RunAsync(parse, "list storage nodes", static _ => throw new InvalidOperationException("must not run"), CancellationToken.None);

        // Assert
        exitCode.Should().Be(ExitCodes.Usage);
        _stderr.ToString().Should().Contain(missing);
    }

    [Fact]
    public async Task RunAsync_UnexpectedException_OneLineNoStackTrace()
    {
        // Arrange
        var parse = CliApp.BuildRoot(_context.Environment).Parse(["node", "list"]);

        // Act
        var exitCode = await _context.RunAsync(parse, "list storage nodes", static _ => throw new InvalidOperationException("broken\n   at Somewhere.Deep()"), CancellationToken.None);

        // Assert
        exitCode.Should().Be(ExitCodes.ServerError);
        _stderr.ToString().Should().Be("pairdb: list storage nodes: ERROR: broken at Somewhere.Deep()" + Environment.NewLine);
    }

    [Fact]
    public async Task RunAsync_UsageExceptionFromBody_ExitsOne()
    {
        // Arrange
        var parse = CliApp.BuildRoot(_context.Environment).Parse(["node", "list"]);

        // Act
        var exitCode = await _context.RunAsync(parse, "put t/k", static _ => throw new CliUsageException("cannot read value file 'x'"), CancellationToken.None);

        // Assert
        exitCode.Should().Be(ExitCodes.Usage);
        _stderr.ToString().Should().Be("pairdb: put t/k: usage: cannot read value file 'x'" + Environment.NewLine);
    }
}
