namespace PairDb.Bench.Commands;

/// <summary>One subcommand of the bench tool: its name, one usage line, and how to run it.</summary>
public interface IBenchCommand
{
    /// <summary>The first command-line argument that selects this command.</summary>
    string Name { get; }

    /// <summary>Name and options as shown in the usage text, e.g. "rpc-server --port N".</summary>
    string Usage { get; }

    string Summary { get; }

    /// <summary>Runs with the arguments after the command name; returns the process exit code.</summary>
    Task<int> RunAsync(string[] args);
}
