namespace PairDb.Messages.Protocols;

/// <summary>
/// Published to every coordinator when storage membership or a replication factor changed in the metadata store, so
/// each ring actor reloads at once instead of at its next periodic reload.
/// </summary>
public sealed record RingChanged
{
    /// <summary>The pub-sub topic it is published on.</summary>
    public const string Topic = "pairdb-ring";

    public static readonly RingChanged Instance = new();

    private RingChanged()
    {
    }
}
