using System.CommandLine.Parsing;
using Google.Protobuf;
using PairDb.Cli.Errors;

namespace PairDb.Cli.Commands;

/// <summary>Where `kv put` takes the value from: the VALUE argument, a file (--value-file), or stdin ("-" in either place).</summary>
public static class KvValueSource
{
    public const string StandardInput = "-";

    /// <summary>Parse-time check: exactly one of VALUE and --value-file.</summary>
    public static string? Validate(string? value, string? valueFile) => (value, valueFile) switch
    {
        (null, null) => "Give the value as VALUE, or with --value-file PATH ('-' reads stdin).",
        (not null, not null) => "Give the value either as VALUE or with --value-file, not both.",
        _ => null,
    };

    public static async Task<ByteString> ReadAsync(string? value, string? valueFile, CliEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (Validate(value, valueFile) is { } error)
        {
            throw new CliUsageException(error);
        }

        if (value == StandardInput || valueFile == StandardInput)
        {
            await using var input = environment.OpenInput();
            return await ByteString.FromStreamAsync(input, cancellationToken);
        }

        if (valueFile is not null)
        {
            try
            {
                return ByteString.CopyFrom(await File.ReadAllBytesAsync(valueFile, cancellationToken));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"cannot read value file '{valueFile}': {ex.Message}", ex);
            }
        }

        return ByteString.CopyFromUtf8(value!);
    }

    /// <summary>Adds the VALUE/--value-file rule to a command's parse validation (a violation exits 1 before any call).</summary>
    public static Action<CommandResult> Validator(System.CommandLine.Argument<string?> value, System.CommandLine.Option<string?> valueFile) =>
        result =>
        {
            if (Validate(result.GetValue(value), result.GetValue(valueFile)) is { } error)
            {
                result.AddError(error);
            }
        };
}
