namespace PairDb.Cli.Output;

/// <summary>How results are printed: tables for people, one JSON document for scripts.</summary>
public enum OutputFormat
{
    Table,
    Json,
}
