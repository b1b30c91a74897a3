using PairDb.Messages.Values;

namespace PairDb.Coordinator.Stores;

/// <summary>The stored text of a <see cref="StorageNodeStatus"/> ("active", "joining", "leaving", "removed"), shared by every metadata store.</summary>
public static class StorageNodeStatusNames
{
    public static string ToName(StorageNodeStatus status) => status switch
    {
        StorageNodeStatus.Active => "active",
        StorageNodeStatus.Joining => "joining",
        StorageNodeStatus.Leaving => "leaving",
        StorageNodeStatus.Removed => "removed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown storage node status."),
    };

    /// <summary>Parses a stored name; an unknown one means the data was written by a newer coordinator.</summary>
    public static StorageNodeStatus Parse(string name) => name switch
    {
        "active" => StorageNodeStatus.Active,
        "joining" => StorageNodeStatus.Joining,
        "leaving" => StorageNodeStatus.Leaving,
        "removed" => StorageNodeStatus.Removed,
        _ => throw new InvalidDataException($"Unknown storage node status '{name}' in the metadata store."),
    };
}
