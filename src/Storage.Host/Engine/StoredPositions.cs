namespace PairDb.Storage.Engine;

/// <summary>
/// Ring positions (unsigned) mapped onto SQLite's signed INTEGER in the same order, so range scans over positions can
/// use an index.
/// </summary>
public static class StoredPositions
{
    private const ulong SignBit = 0x8000_0000_0000_0000;

    /// <summary>Maps a position onto a signed integer with the same order (flips the sign bit).</summary>
    public static long ToStored(ulong position) => unchecked((long)(position ^ SignBit));

    /// <summary>Inverse of <see cref="ToStored"/>.</summary>
    public static ulong FromStored(long stored) => unchecked((ulong)stored ^ SignBit);
}
