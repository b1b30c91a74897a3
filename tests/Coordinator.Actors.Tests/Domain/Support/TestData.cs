using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>Storage nodes and versions the domain specs share.</summary>
public static class TestData
{
    public const string Tenant = "acme";
    public const string Key = "user:42";
    public const string CoordinatorId = "coord-a";

    public static readonly StorageNode N1 = Node("n1");
    public static readonly StorageNode N2 = Node("n2");
    public static readonly StorageNode N3 = Node("n3");

    /// <summary>Three active nodes: RF 3, quorum 2.</summary>
    public static StorageNode[] ThreeNodes => [N1, N2, N3];

    public static StorageNode Node(string id, int port = 50061) =>
        new(id, "127.0.0.1", port, VirtualNodes: 16, StorageNodeStatus.Active);

    public static StorageNode[] Nodes(int count)
    {
        var nodes = new StorageNode[count];
        for (var i = 0; i < count; i++)
        {
            nodes[i] = Node("n" + (i + 1), 50061 + i);
        }

        return nodes;
    }

    /// <summary>A version with the given clock entries, e.g. Version("v", 10, ("x", 1), ("y", 2)).</summary>
    public static VersionedValue Version(string value, long timestampMicros, params (string Node, long Counter)[] clock)
    {
        var entries = new ClockEntry[clock.Length];
        for (var i = 0; i < clock.Length; i++)
        {
            entries[i] = new ClockEntry(clock[i].Node, clock[i].Counter);
        }

        return new VersionedValue(System.Text.Encoding.UTF8.GetBytes(value), VectorClock.From(entries), timestampMicros, "coord-old", tombstone: false);
    }

    public static string Text(VersionedValue version) => System.Text.Encoding.UTF8.GetString(version.Value.Span);
}
