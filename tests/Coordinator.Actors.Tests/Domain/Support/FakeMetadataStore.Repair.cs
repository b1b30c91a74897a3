using PairDb.Actors.Ports;

namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>In-memory anti-entropy progress.</summary>
public sealed partial class FakeMetadataStore
{
    private readonly Dictionary<RepairRangeKey, RepairRangeRecord> _repairRanges = [];
    private RepairPassRecord? _repairPass;

    public Task<RepairPassRecord?> GetRepairPassAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_repairPass);
        }
    }

    public Task SaveRepairPassAsync(RepairPassRecord pass, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_repairPass is null || _repairPass.Number <= pass.Number)
            {
                _repairPass = pass;
            }

            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<RepairRangeRecord>> ListRepairRangesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<RepairRangeRecord>>([.. _repairRanges.Values]);
        }
    }

    public Task SaveRepairRangeAsync(RepairRangeRecord range, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _repairRanges[range.Key] = range;
            return Task.CompletedTask;
        }
    }

    public Task PruneRepairRangesAsync(IReadOnlyCollection<RepairRangeKey> current, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var key in _repairRanges.Keys.Where(k => !current.Contains(k)).ToList())
            {
                _repairRanges.Remove(key);
            }

            return Task.CompletedTask;
        }
    }
}
