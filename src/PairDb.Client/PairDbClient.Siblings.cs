namespace PairDb.Client;

/// <summary>Read-modify-write helpers: merging siblings, and conditional updates.</summary>
public sealed partial class PairDbClient
{
    /// <summary>
    /// Reads <paramref name="key"/> with its siblings, merges their live values with <paramref name="merge"/> and writes
    /// the result with the read's merged clock as context: the write supersedes every version the read saw, and a
    /// version written since the read stays as a sibling (for the next merge) rather than being lost. A key with no live
    /// version merges an empty list and is written with an empty context.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="merge">Combines the live sibling values (one value when there are no siblings) into one.</param>
    /// <param name="options">Tenant, consistency and deadline of both the read and the write.</param>
    /// <param name="cancellationToken">Cancels the read or the write.</param>
    public async Task<PairDbWriteResult> ReadMergeWriteAsync(
        string key, Func<IReadOnlyList<byte[]>, byte[]> merge, PairDbCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(merge);
        options ??= new PairDbCallOptions();
        var read = await ReadAsync(key, options, cancellationToken);
        var merged = merge(read?.LiveValues ?? []);
        return await WriteAsync(key, merged, WriteOptionsOf(options) with { Context = read?.Clock ?? PairDbClock.Empty }, cancellationToken);
    }

    /// <summary>
    /// A conditional update: reads <paramref name="key"/>, computes its new value with <paramref name="update"/> (given
    /// the current value, or null when there is none) and writes it only if the key is still as read (if-clock, or
    /// if-absent for a missing key). When another writer got there first it reads and computes again, at most
    /// <paramref name="maxAttempts"/> times in all.
    /// </summary>
    /// <exception cref="PairDbConditionFailedException">Every one of the <paramref name="maxAttempts"/> attempts lost to another writer.</exception>
    public async Task<PairDbWriteResult> UpdateAsync(
        string key, Func<byte[]?, byte[]> update, int maxAttempts = 10, PairDbCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        options ??= new PairDbCallOptions();
        for (var attempt = 1; ; attempt++)
        {
            var read = await ReadAsync(key, options, cancellationToken);
            var value = update(read?.Value);
            var condition = read is null
                ? WriteOptionsOf(options) with { IfAbsent = true }
                : WriteOptionsOf(options) with { IfClock = read.Clock };
            try
            {
                return await WriteAsync(key, value, condition, cancellationToken);
            }
            catch (PairDbConditionFailedException) when (attempt < maxAttempts)
            {
                // Another writer changed the key since the read: start again from what it holds now.
            }
        }
    }

    private static PairDbWriteOptions WriteOptionsOf(PairDbCallOptions options) =>
        new() { Tenant = options.Tenant, Consistency = options.Consistency, Timeout = options.Timeout };
}
