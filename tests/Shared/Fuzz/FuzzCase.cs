namespace PairDb.Tests.Shared;

/// <summary>
/// One fuzz input: the bytes sent to a method and how they were made (valid, which mutation, or random), so a failure
/// names everything needed to rebuild it from the run's seed.
/// </summary>
internal sealed record FuzzCase(string Service, string Method, byte[] Bytes, string Origin)
{
    private const int ShownBytes = 256;

    public string Describe() =>
        $"{Service}/{Method} ({Origin}, {Bytes.Length} bytes): {Convert.ToHexString(Bytes, 0, Math.Min(Bytes.Length, ShownBytes))}"
        + (Bytes.Length > ShownBytes ? "..." : string.Empty);
}
