using FluentAssertions;
using Google.Protobuf;
using PairDb.Protocol.Coordinator;
using PairDb.Protocol.Storage;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Coordinator.Tests.Fuzz;

/// <summary>
/// The coordinator fuzz test's oracle for "a refused call changed nothing": it ignores replicas converging on
/// versions that already existed, and sees a new version, a version lost without a descendant, and a new record.
/// </summary>
public sealed class ClusterSnapshotTests : IAsyncLifetime
{
    private static readonly (string Tenant, string Key)[] Keys = [("kv", "k")];
    private CoordinatorFuzzTarget _target = null!;

    public async Task InitializeAsync() => _target = await CoordinatorFuzzTarget.StartAsync();

    public async Task DisposeAsync() => await _target.DisposeAsync();

    [Fact]
    public async Task ChangedSince_ReplicaCopiesExistingVersion_Null()
    {
        await WriteAsync(0, Stamped(1));
        var before = await _target.SnapshotAsync(Keys);

        await WriteAsync(1, Stamped(1));
        var after = await _target.SnapshotAsync(Keys);

        after.ChangedSince(before).Should().BeNull();
    }

    [Fact]
    public async Task ChangedSince_NewVersionOnOneNode_Reported()
    {
        await WriteAsync(0, Stamped(1));
        var before = await _target.SnapshotAsync(Keys);

        await WriteAsync(2, Stamped(2));
        var after = await _target.SnapshotAsync(Keys);

        after.ChangedSince(before).Should().Contain("kv/k gained a version");
    }

    [Fact]
    public async Task ChangedSince_VersionLostOrTenantAdded_Reported()
    {
        await WriteAsync(0, Stamped(1));
        var before = await _target.SnapshotAsync(Keys);

        await _target.StorageNodes[0].PurgeRangeAsync(new PurgeRangeRequest { TenantId = "kv" });
        var purged = await _target.SnapshotAsync(Keys);
        await _target.Coordinator.Client.CreateTenantAsync(new CreateTenantRequest { TenantId = "fa", ReplicationFactor = 1 });
        var created = await _target.SnapshotAsync(Keys);

        purged.ChangedSince(before).Should().Contain("kv/k lost a version");
        created.ChangedSince(purged).Should().Contain("records changed");
    }

    private static Version Stamped(long counter) => new()
    {
        Value = ByteString.CopyFromUtf8("v" + counter), Clock = { new ClockEntry { NodeId = "c", Counter = counter } }, TimestampMicros = counter, CoordinatorId = "c",
    };

    private Task<WriteResponse> WriteAsync(int node, Version version) =>
        _target.StorageNodes[node].WriteAsync(new WriteRequest { TenantId = "kv", Key = "k", Version = version }).ResponseAsync;
}
