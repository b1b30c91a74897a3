namespace PairDb.Actors.Cores;

/// <summary>What the hint ledger decided for a new hint.</summary>
public enum HintAdmission
{
    /// <summary>Admitted: it goes to the durable queue.</summary>
    Stored,

    /// <summary>Refused: its node has been down longer than the hint window.</summary>
    PastWindow,

    /// <summary>Refused: the pending hints already hold the size cap.</summary>
    OverCap,
}
