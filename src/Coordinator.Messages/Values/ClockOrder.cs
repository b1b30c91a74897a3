namespace PairDb.Messages.Values;

/// <summary>How one vector clock relates to another (from the point of view of the left-hand clock).</summary>
public enum ClockOrder
{
    /// <summary>The left clock happened before the right one (the right dominates it).</summary>
    Before,

    /// <summary>The left clock happened after the right one (it dominates the right).</summary>
    After,

    /// <summary>Both clocks hold the same counters.</summary>
    Identical,

    /// <summary>Neither dominates: the versions were written concurrently.</summary>
    Concurrent,
}
