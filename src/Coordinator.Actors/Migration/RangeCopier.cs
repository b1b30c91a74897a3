using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Actors.Migration;

/// <summary>
/// Copies one <see cref="RangeTransfer"/>: streams the range from every source and hands each key's versions to
/// the target through the storage Repair call, whose clock merge keeps what is newest whichever copy arrives
/// first. Keys are counted from the first source (the progress unit is "keys", not copies).
/// </summary>
internal sealed class RangeCopier
{
    private readonly MigrationServices _services;
    private readonly MigrationSettings _settings;

    public RangeCopier(MigrationServices services, MigrationSettings settings)
    {
        _services = services;
        _settings = settings;
    }

    public async Task<long> CopyAsync(RangeTransfer transfer, IReadOnlyDictionary<string, StorageNode> nodes, Action<long> progress, CancellationToken cancellationToken)
    {
        var target = Node(nodes, transfer.Target);
        long keys = 0;
        for (var s = 0; s < transfer.Sources.Count; s++)
        {
            var source = Node(nodes, transfer.Sources[s]);
            await foreach (var batch in _services.Ranges.ScanAsync(
                source, transfer.TenantId, transfer.Start, transfer.End, _settings.ScanBatchSize, _settings.CallTimeout, cancellationToken))
            {
                await Parallel.ForEachAsync(
                    batch,
                    new ParallelOptions { MaxDegreeOfParallelism = _settings.ParallelCopies, CancellationToken = cancellationToken },
                    async (record, token) =>
                    {
                        var result = await _services.Replicas.RepairAsync(target, record.TenantId, record.Key, record.Versions, _settings.CallTimeout, token);
                        if (!result.Ok)
                        {
                            throw new RangeCallException($"Copying a key to {target.NodeId} failed: {result.Error}");
                        }
                    });
                if (s == 0)
                {
                    keys += batch.Count;
                    progress(batch.Count);
                }
            }
        }

        return keys;
    }

    /// <summary>How many keys the transfer will move, counted on its first source.</summary>
    public Task<long> CountAsync(RangeTransfer transfer, IReadOnlyDictionary<string, StorageNode> nodes, CancellationToken cancellationToken) =>
        transfer.Sources.Count == 0
            ? Task.FromResult(0L)
            : _services.Ranges.CountAsync(Node(nodes, transfer.Sources[0]), transfer.TenantId, transfer.Start, transfer.End, _settings.CallTimeout, cancellationToken);

    public Task<long> PurgeAsync(RangeCleanup cleanup, IReadOnlyDictionary<string, StorageNode> nodes, CancellationToken cancellationToken) =>
        _services.Ranges.PurgeAsync(Node(nodes, cleanup.Node), cleanup.TenantId, cleanup.Start, cleanup.End, _settings.CallTimeout, cancellationToken);

    private static StorageNode Node(IReadOnlyDictionary<string, StorageNode> nodes, string id) =>
        nodes.TryGetValue(id, out var node) ? node : throw new RangeCallException($"Storage node {id} is no longer in the metadata store.");
}
