using Spectre.Console.Rendering;

namespace PairDb.Cli.Tests.Support;

/// <summary>Renders a Spectre table to plain text on a fixed-width, colourless console.</summary>
public static class Render
{
    public static string Text(IRenderable renderable)
    {
        using var writer = new StringWriter();
        CliRunner.CreateConsole(writer).Write(renderable);
        return writer.ToString();
    }
}
