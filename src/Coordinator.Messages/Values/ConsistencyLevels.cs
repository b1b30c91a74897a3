namespace PairDb.Messages.Values;

/// <summary>Parsing, naming and replica counts for <see cref="Consistency"/>.</summary>
public static class ConsistencyLevels
{
    /// <summary>Parses the wire form ("one", "quorum", "all", any case; empty means quorum).</summary>
    public static bool TryParse(string? text, out Consistency consistency)
    {
        consistency = Consistency.Quorum;
        if (string.IsNullOrEmpty(text) || text.Equals("quorum", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text.Equals("one", StringComparison.OrdinalIgnoreCase))
        {
            consistency = Consistency.One;
            return true;
        }

        if (text.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            consistency = Consistency.All;
            return true;
        }

        return false;
    }

    /// <summary>The wire name.</summary>
    public static string Name(Consistency consistency) => consistency switch
    {
        Consistency.One => "one",
        Consistency.All => "all",
        _ => "quorum",
    };

    /// <summary>Replicas that must answer for <paramref name="replicationFactor"/> replicas: ONE 1, QUORUM floor(RF/2)+1, ALL RF.</summary>
    public static int Required(Consistency consistency, int replicationFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        return consistency switch
        {
            Consistency.One => 1,
            Consistency.All => replicationFactor,
            _ => (replicationFactor / 2) + 1,
        };
    }
}
