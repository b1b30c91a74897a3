namespace PairDb.Actors.Cores;

/// <summary>What <see cref="IncarnationRule"/> decided for one health-check answer.</summary>
public enum IncarnationChange
{
    /// <summary>Nothing to record: no incarnation reported, or the recorded one.</summary>
    None,

    /// <summary>First incarnation seen for the node: record it; the node is not rebuilding.</summary>
    Record,

    /// <summary>A different incarnation: record it and mark the node rebuilding from now.</summary>
    Rebuild,
}
