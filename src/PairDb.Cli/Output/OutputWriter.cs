using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PairDb.Cli.Output;

/// <summary>
/// Prints a command's result in the chosen format. Commands hand over a view and its two renderings; in JSON
/// mode exactly one document reaches stdout, and progress notes are suppressed.
/// </summary>
public sealed class OutputWriter
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _out;

    public OutputWriter(OutputFormat format, IAnsiConsole console, TextWriter @out)
    {
        Format = format;
        _console = console;
        _out = @out;
    }

    public OutputFormat Format { get; }

    public bool IsJson => Format == OutputFormat.Json;

    /// <summary>The console tables and progress bars are drawn on.</summary>
    public IAnsiConsole Console => _console;

    public void Write<T>(T view, JsonTypeInfo<T> json, Func<T, IRenderable> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (IsJson)
        {
            _out.WriteLine(JsonSerializer.Serialize(view, json));
            _out.Flush();
        }
        else
        {
            _console.Write(table(view));
        }
    }

    /// <summary>A plain line for people (table mode only), printed as is: no markup, never wrapped.</summary>
    public void Note(string text)
    {
        if (!IsJson)
        {
            _out.WriteLine(text);
            _out.Flush();
        }
    }
}
