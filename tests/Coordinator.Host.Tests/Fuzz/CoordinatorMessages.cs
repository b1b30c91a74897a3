using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Fuzz;

/// <summary>
/// Valid requests of every proto.CoordinatorService method, built with the generated classes from random field
/// values and serialized. Tenants, keys and node ids come mostly from small alphabets, so the run can check every
/// key it could have written; storage node hosts and ports are only loopback ones the test knows (see
/// <see cref="CoordinatorFuzzTarget"/>).
/// </summary>
internal static class CoordinatorMessages
{
    public const string Service = "proto.CoordinatorService";

    /// <summary>Tenants the run reads back: "default" and "kv" exist from the start, "fa" only if a CreateTenant makes it.</summary>
    public static readonly string[] Tenants = ["default", "kv", "fa"];

    public static readonly string[] Keys = ["k", "a", "b", "k/1"];

    private static readonly string[] IdempotencyKeys = [string.Empty, "i1", "i2"];
    private static readonly string[] NewNodeIds = ["fz-1", "fz-2", "storage-1"];

    // Never a real node: removing one (allowed once fuzzed factor changes lower every tenant below 3) would change
    // the cluster under the rest of the run.
    private static readonly string[] GoneNodeIds = ["fz-1", "fz-2"];
    private static readonly string[] MigrationIds = ["mig-0", "mig-1"];
    private static readonly string[] Hosts = ["127.0.0.1", string.Empty, " ", "127.0.0.1:1", "[::1]", new string('h', 254)];

    /// <summary>The coordinator's default limits.max_batch_keys.</summary>
    private const int MaxBatchKeys = 100;

    /// <summary>Every request type, with a port from <paramref name="ports"/> for AddStorageNode.</summary>
    public static Gen<WireMessage> Any(int maxValueBytes, int[] ports) => Gen.OneOf(
        Write(maxValueBytes), Read(), Delete(), BatchWrite(maxValueBytes), BatchRead(), CreateTenant(), UpdateReplicationFactor(), GetTenant(), AddStorageNode(ports),
        RemoveStorageNode(), GetMigrationStatus(), Empty("ListStorageNodes"), Empty("ListTenants"), ListMigrations(), GetRing());

    private static Gen<string> Tenant() => FuzzValues.Text(Tenants, 256);

    private static Gen<string> Key() => FuzzValues.Text(Keys, 1024);

    private static Gen<string> IdempotencyKey() => FuzzValues.Text(IdempotencyKeys, 256);

    private static Gen<WireMessage> Write(int maxValueBytes) =>
        from tenant in Tenant()
        from key in Key()
        from value in FuzzValues.Bytes(maxValueBytes)
        from consistency in FuzzValues.Consistency()
        from idempotencyKey in IdempotencyKey()
        select Wire("WriteKeyValue", new WriteKeyValueRequest
        {
            TenantId = tenant, Key = key, Value = value, Consistency = consistency, IdempotencyKey = idempotencyKey,
        });

    private static Gen<WireMessage> Read() =>
        from tenant in Tenant()
        from key in Key()
        from consistency in FuzzValues.Consistency()
        select Wire("ReadKeyValue", new ReadKeyValueRequest { TenantId = tenant, Key = key, Consistency = consistency });

    private static Gen<WireMessage> Delete() =>
        from tenant in Tenant()
        from key in Key()
        from consistency in FuzzValues.Consistency()
        from idempotencyKey in IdempotencyKey()
        select Wire("DeleteKeyValue", new DeleteKeyValueRequest { TenantId = tenant, Key = key, Consistency = consistency, IdempotencyKey = idempotencyKey });

    /// <summary>Keys of a batch: mostly distinct ones of the alphabet, sometimes any keys (repeated, invalid, too many).</summary>
    private static Gen<string[]> BatchKeys() => Gen.Frequency(
        (6, Gen.Shuffle(Keys).SelectMany(static keys => Gen.Choose(1, keys.Length).Select(n => keys[..n]))),
        (1, FuzzValues.Count(MaxBatchKeys).SelectMany(static n => Key().ArrayOf(n))));

    private static Gen<WireMessage> BatchRead() =>
        from tenant in Tenant()
        from keys in BatchKeys()
        from consistency in FuzzValues.Consistency()
        select Wire("BatchRead", new BatchReadRequest { TenantId = tenant, Keys = { keys }, Consistency = consistency });

    private static Gen<WireMessage> BatchWrite(int maxValueBytes) =>
        from tenant in Tenant()
        from keys in BatchKeys()
        from items in BatchItem(maxValueBytes).ArrayOf(keys.Length)
        from consistency in FuzzValues.Consistency()
        select Wire("BatchWrite", new BatchWriteRequest { TenantId = tenant, Items = { Keyed(items, keys) }, Consistency = consistency });

    private static BatchWriteItem[] Keyed(BatchWriteItem[] items, string[] keys)
    {
        for (var i = 0; i < items.Length; i++)
        {
            items[i].Key = keys[i];
        }

        return items;
    }

    /// <summary>A write or delete (its key set by the caller), sometimes with a context, condition or time to live (alone or in combinations the edge refuses).</summary>
    private static Gen<BatchWriteItem> BatchItem(int maxValueBytes) =>
        from value in Gen.Frequency((6, FuzzValues.Bytes(maxValueBytes)), (1, Gen.Constant(ByteString.Empty)))
        from delete in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from idempotencyKey in IdempotencyKey()
        from context in Clock()
        from ifClock in Clock()
        from ifAbsent in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        from ttl in Gen.Frequency((6, Gen.Constant(0L)), (1, FuzzValues.Int64(0, 86_400_000)))
        select new BatchWriteItem
        {
            Value = delete ? ByteString.Empty : value, Delete = delete, IdempotencyKey = idempotencyKey, Context = context, IfClock = ifClock,
            IfAbsent = ifAbsent, TtlMs = ttl,
        };

    /// <summary>Mostly no clock; else one of a few entries, some with bad ids or counters.</summary>
    private static Gen<VectorClock?> Clock() => Gen.Frequency(
        (8, Gen.Constant<VectorClock?>(null)),
        (1, from id in FuzzValues.Text(["coord-a", "coord-b"], 256)
            from counter in FuzzValues.Int64(1, 100)
            from entries in Gen.Choose(0, 2)
            select (VectorClock?)new VectorClock
            {
                Entries = { Enumerable.Repeat(new VectorClockEntry { CoordinatorNodeId = id, LogicalTimestamp = counter }, entries) },
            }));

    private static Gen<WireMessage> CreateTenant() =>
        from tenant in Tenant()
        from factor in FuzzValues.Int32(0, 4)
        select Wire("CreateTenant", new CreateTenantRequest { TenantId = tenant, ReplicationFactor = factor });

    private static Gen<WireMessage> UpdateReplicationFactor() =>
        from tenant in Tenant()
        from factor in FuzzValues.Int32(0, 4)
        select Wire("UpdateReplicationFactor", new UpdateReplicationFactorRequest { TenantId = tenant, NewReplicationFactor = factor });

    private static Gen<WireMessage> GetTenant() =>
        Tenant().Select(static tenant => Wire("GetTenant", new GetTenantRequest { TenantId = tenant }));

    private static Gen<WireMessage> AddStorageNode(int[] ports) =>
        from node in FuzzValues.Text(NewNodeIds, 128)
        from host in Gen.Frequency((4, Gen.Constant(Hosts[0])), (1, Gen.Elements(Hosts)))
        from port in Gen.Frequency((4, Gen.Elements(ports)), (1, Gen.Elements(0, -1, 65_536, int.MinValue, int.MaxValue)))
        from virtualNodes in FuzzValues.Int32(0, 1000)
        select Wire("AddStorageNode", new AddStorageNodeRequest { NodeId = node, Host = host, Port = port, VirtualNodes = virtualNodes });

    private static Gen<WireMessage> RemoveStorageNode() =>
        from node in FuzzValues.Text(GoneNodeIds, 128)
        from force in Gen.Elements(false, true)
        select Wire("RemoveStorageNode", new RemoveStorageNodeRequest { NodeId = node, Force = force });

    private static Gen<WireMessage> GetMigrationStatus() =>
        FuzzValues.Text(MigrationIds, 128).Select(static id => Wire("GetMigrationStatus", new GetMigrationStatusRequest { MigrationId = id }));

    private static Gen<WireMessage> ListMigrations() =>
        Gen.Elements(false, true).Select(static active => Wire("ListMigrations", new ListMigrationsRequest { ActiveOnly = active }));

    private static Gen<WireMessage> GetRing() =>
        Tenant().Select(static tenant => Wire("GetRing", new GetRingRequest { TenantId = tenant }));

    private static Gen<WireMessage> Empty(string method) => Gen.Constant(new WireMessage(Service, method, []));

    private static WireMessage Wire(string method, IMessage request) => new(Service, method, request.ToByteArray());
}
