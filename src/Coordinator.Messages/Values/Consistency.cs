namespace PairDb.Messages.Values;

/// <summary>How many replicas must answer before a read or write is decided.</summary>
public enum Consistency
{
    /// <summary>floor(RF/2)+1 replicas (the default).</summary>
    Quorum,

    /// <summary>One replica.</summary>
    One,

    /// <summary>Every replica of the preference list.</summary>
    All,
}
