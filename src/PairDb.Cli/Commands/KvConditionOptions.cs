using System.CommandLine;
using PairDb.Cli.Parsing;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Commands;

/// <summary>
/// The causal context and conditions of `kv put` and `kv delete`: --context CLOCK, --if-clock CLOCK and (put only)
/// --if-absent, at most one of them; CLOCK is written as the CLI prints clocks ("coord-a:3, coord-b:1", "-" for none).
/// </summary>
public sealed class KvConditionOptions
{
    private readonly Option<VectorClock?> _context = new("--context")
    {
        Description = "The clock of the read this write is based on: it replaces exactly the versions that clock covers; versions written since stay as siblings.",
        HelpName = "CLOCK",
        CustomParser = ValueParsers.Clock,
    };

    private readonly Option<VectorClock?> _ifClock = new("--if-clock")
    {
        Description = "Apply only if the key's current clock is exactly CLOCK ('-': the key has no version); else FAILED_PRECONDITION with the current clock.",
        HelpName = "CLOCK",
        CustomParser = ValueParsers.Clock,
    };

    private readonly Option<bool>? _ifAbsent;

    /// <param name="ifAbsent">Whether the command offers --if-absent (a write does; a delete of an absent key has nothing to delete).</param>
    public KvConditionOptions(bool ifAbsent)
    {
        _ifAbsent = ifAbsent
            ? new Option<bool>("--if-absent") { Description = "Apply only if the key has no live version; else FAILED_PRECONDITION with the current clock." }
            : null;
    }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_context);
        command.Options.Add(_ifClock);
        if (_ifAbsent is not null)
        {
            command.Options.Add(_ifAbsent);
        }

        command.Validators.Add(result =>
        {
            var set = (result.GetResult(_context) is null ? 0 : 1) + (result.GetResult(_ifClock) is null ? 0 : 1)
                + (_ifAbsent is not null && result.GetValue(_ifAbsent) ? 1 : 0);
            if (set > 1)
            {
                result.AddError(_ifAbsent is null
                    ? "Give at most one of --context and --if-clock."
                    : "Give at most one of --context, --if-clock and --if-absent.");
            }
        });
    }

    public VectorClock? Context(ParseResult parse) => parse.GetValue(_context);

    public VectorClock? IfClock(ParseResult parse) => parse.GetValue(_ifClock);

    public bool IfAbsent(ParseResult parse) => _ifAbsent is not null && parse.GetValue(_ifAbsent);
}
