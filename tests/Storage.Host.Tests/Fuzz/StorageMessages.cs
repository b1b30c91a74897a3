using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using PairDb.Protocol.Storage;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Storage.Tests.Fuzz;

/// <summary>
/// Valid requests of every storage.StorageNodeService method, built with the generated classes from random field
/// values and serialized: versions with random clocks (few node ids, so they dominate each other or become
/// siblings), stamps, tombstones with and without values, batches and ranges.
/// </summary>
internal static class StorageMessages
{
    public const string Service = "storage.StorageNodeService";

    private const long Now = 1_765_000_000_000_000;

    private static readonly string[] Tenants = ["t", "u"];
    private static readonly string[] Keys = ["k", "a", "b"];
    private static readonly string[] NodeIds = ["c1", "c2", "c3"];

    public static Gen<WireMessage> Any(int maxValueBytes) => Gen.Frequency(
        (4, Write(maxValueBytes).Select(static w => Wire("Write", w))),
        (1, Read().Select(static r => Wire("Read", r))),
        (2, Delete()),
        (2, Repair(maxValueBytes)),
        (1, Gen.Constant(new WireMessage(Service, "HealthCheck", []))),
        (1, Range("ScanRange")),
        (1, Range("CountRange")),
        (1, Range("PurgeRange")),
        (2, Batch(Write(maxValueBytes)).Select(static writes => Wire("WriteBatch", new WriteBatchRequest { Writes = { writes } }))),
        (1, Batch(Read()).Select(static reads => Wire("ReadBatch", new ReadBatchRequest { Reads = { reads } }))));

    private static Gen<string> Tenant() => FuzzValues.Text(Tenants, 256);

    private static Gen<string> Key() => FuzzValues.Text(Keys, 1024);

    private static Gen<WriteRequest> Write(int maxValueBytes) =>
        from tenant in Tenant()
        from key in Key()
        from version in Version(maxValueBytes)
        from ifDominates in Gen.Elements(false, true)
        select new WriteRequest { TenantId = tenant, Key = key, Version = version, IfDominates = ifDominates };

    private static Gen<ReadRequest> Read() =>
        from tenant in Tenant()
        from key in Key()
        select new ReadRequest { TenantId = tenant, Key = key };

    private static Gen<WireMessage> Delete() =>
        from tenant in Tenant()
        from key in Key()
        from clock in Clock()
        from stamp in FuzzValues.Int64(Now, Now + 1000)
        from coordinator in FuzzValues.Text(NodeIds, 256)
        select Wire("Delete", new DeleteRequest { TenantId = tenant, Key = key, Clock = { clock }, TimestampMicros = stamp, CoordinatorId = coordinator });

    private static Gen<WireMessage> Repair(int maxValueBytes) =>
        from tenant in Tenant()
        from key in Key()
        from count in Gen.Frequency((20, Gen.Choose(1, 4)), (1, Gen.Constant(0)), (1, Gen.Constant(101)))
        from versions in Version(maxValueBytes).ArrayOf(count)
        select Wire("Repair", new RepairRequest { TenantId = tenant, Key = key, Versions = { versions } });

    private static Gen<WireMessage> Range(string method) =>
        from start in FuzzValues.UInt64()
        from end in Gen.Frequency((1, Gen.Constant(start)), (3, FuzzValues.UInt64()))
        from batchSize in FuzzValues.Int32(0, 8)
        from tenant in Gen.Frequency((1, Gen.Constant(string.Empty)), (2, Tenant()))
        select method switch
        {
            "ScanRange" => Wire(method, new ScanRangeRequest { Start = start, End = end, BatchSize = batchSize, TenantId = tenant }),
            "CountRange" => Wire(method, new CountRangeRequest { Start = start, End = end, TenantId = tenant }),
            _ => Wire(method, new PurgeRangeRequest { Start = start, End = end, TenantId = tenant }),
        };

    private static Gen<Version> Version(int maxValueBytes) =>
        from value in FuzzValues.Bytes(maxValueBytes)
        from clock in Clock()
        from stamp in FuzzValues.Int64(Now, Now + 1000)
        from coordinator in FuzzValues.Text(NodeIds, 256)
        from tombstone in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new Version
        {
            Value = tombstone && value.Length > 8 ? ByteString.Empty : value, Clock = { clock }, TimestampMicros = stamp, CoordinatorId = coordinator,
            Tombstone = tombstone,
        };

    private static Gen<ClockEntry[]> Clock() =>
        from count in Gen.Frequency((20, Gen.Choose(1, 3)), (1, Gen.Constant(0)), (1, Gen.Constant(65)))
        from entries in (from node in FuzzValues.Text(NodeIds, 256)
                         from counter in FuzzValues.Int64(1, 6)
                         select new ClockEntry { NodeId = node, Counter = counter }).ArrayOf(count)
        select entries;

    private static Gen<T[]> Batch<T>(Gen<T> item) => Gen.Frequency((12, Gen.Choose(0, 4)), (1, Gen.Constant(513))).SelectMany(item.ArrayOf);

    private static WireMessage Wire(string method, IMessage request) => new(Service, method, request.ToByteArray());
}
