namespace PairDb.Client;

/// <summary>How many replicas of a key must answer a read or acknowledge a write.</summary>
public enum PairDbConsistency
{
    /// <summary>One replica.</summary>
    One,

    /// <summary>A majority of the tenant's replicas (floor(RF/2)+1); the server's default.</summary>
    Quorum,

    /// <summary>Every replica of the key.</summary>
    All,
}
