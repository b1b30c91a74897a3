using FluentAssertions;
using Grpc.Core;
using PairDb.Messages.Ring;
using PairDb.Protocol.Storage;
using PairDb.Storage.Hosting;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.WireVersions;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Storage.Tests.Service;

public sealed class StorageNodeServiceTests : WireNodeTest
{
    protected override StorageNodeOptions Configure(StorageNodeOptions defaults) =>
        defaults with { MaxValueBytes = 1000, MaxSiblings = 3, MaxClockEntries = 4 };

    [Fact]
    public async Task Write_ThenRead_ReturnsVersionWithClockStampAndValue()
    {
        var version = Version("hello", 1234, ("coord-a", 3), ("coord-b", 1));

        var written = await Client.WriteAsync(new WriteRequest { TenantId = "t", Key = "k", Version = version });
        var read = await Client.ReadAsync(new ReadRequest { TenantId = "t", Key = "k" });

        written.Applied.Should().BeTrue();
        written.SiblingCount.Should().Be(1);
        read.Found.Should().BeTrue();
        read.Versions.Should().ContainSingle().Which.Should().Be(version);
    }

    [Fact]
    public async Task Read_UnknownKey_NotFound()
    {
        var read = await Client.ReadAsync(new ReadRequest { TenantId = "t", Key = "nothing" });

        read.Found.Should().BeFalse();
        read.Versions.Should().BeEmpty();
    }

    [Fact]
    public async Task Write_DominatedVersion_NotApplied()
    {
        await Write("k", Version("new", 20, ("a", 2)));

        var response = await Write("k", Version("old", 30, ("a", 1)));

        response.Applied.Should().BeFalse();
        response.SiblingCount.Should().Be(1);
    }

    [Fact]
    public async Task Delete_AfterWrite_LeavesTombstoneVersion()
    {
        await Write("k", Version("v", 10, ("a", 1)));

        var deleted = await Client.DeleteAsync(new DeleteRequest
        {
            TenantId = "t", Key = "k", TimestampMicros = 11, CoordinatorId = "coord", Clock = { Entry("a", 2) },
        });
        var read = await Client.ReadAsync(new ReadRequest { TenantId = "t", Key = "k" });

        deleted.Applied.Should().BeTrue();
        read.Found.Should().BeTrue();
        var tombstone = read.Versions.Should().ContainSingle().Subject;
        tombstone.Tombstone.Should().BeTrue();
        tombstone.Value.IsEmpty.Should().BeTrue();
        tombstone.Clock.Should().Equal(Entry("a", 2));
        tombstone.TimestampMicros.Should().Be(11);
    }

    [Fact]
    public async Task Repair_ConcurrentVersions_StoredAsSiblings()
    {
        var response = await Client.RepairAsync(new RepairRequest
        {
            TenantId = "t", Key = "k", Versions = { Version("x", 1, ("a", 1)), Version("y", 2, ("b", 1)) },
        });
        var read = await Client.ReadAsync(new ReadRequest { TenantId = "t", Key = "k" });

        response.Should().Be(new WriteResponse { Applied = true, SiblingCount = 2 });
        read.Versions.Select(v => v.Value.ToStringUtf8()).Should().Equal("y", "x");
    }

    [Fact]
    public async Task ScanRange_SplitRingWithWrap_ReturnsEveryKeyOnceInBatches()
    {
        for (var i = 0; i < 300; i++)
        {
            await Write("key-" + i, Version("v" + i, 1, ("a", 1)));
        }

        var cuts = new ulong[] { 1UL << 60, 1UL << 62, 3UL << 62, ulong.MaxValue - 5 };
        var seen = new List<string>();

        for (var i = 0; i < cuts.Length; i++)
        {
            var request = new ScanRangeRequest { Start = cuts[i], End = cuts[(i + 1) % cuts.Length], BatchSize = 16 };
            using var call = Client.ScanRange(request);
            await foreach (var batch in call.ResponseStream.ReadAllAsync())
            {
                batch.Records.Count.Should().BeInRange(1, 16);
                foreach (var record in batch.Records)
                {
                    new RingRange(request.Start, request.End).Contains(record.RingPosition).Should().BeTrue();
                    record.Versions.Should().ContainSingle();
                    seen.Add(record.Key);
                }
            }
        }

        seen.Should().OnlyHaveUniqueItems().And.HaveCount(300);
    }

    [Fact]
    public async Task ScanRange_WhileWritesContinue_ReturnsEveryPreexistingKeyOnce()
    {
        for (var i = 0; i < 200; i++)
        {
            await Write("old-" + i, Version("v", 1, ("a", 1)));
        }

        var seen = new List<string>();
        var written = 0;
        using var call = Client.ScanRange(new ScanRangeRequest { Start = 12345, End = 12345, BatchSize = 10 });
        await foreach (var batch in call.ResponseStream.ReadAllAsync())
        {
            seen.AddRange(batch.Records.Select(r => r.Key));

            // Each received batch is followed by new keys and dominating versions of existing ones.
            await Write("new-" + written, Version("n", 1, ("a", 1)));
            await Write("old-" + ((written * 13) % 200), Version("updated", 2, ("a", 2)));
            written++;
        }

        seen.Should().OnlyHaveUniqueItems();
        for (var i = 0; i < 200; i++)
        {
            seen.Should().Contain("old-" + i);
        }
    }

    [Fact]
    public async Task CountRange_WholeRingAndTenant_CountsKeys()
    {
        await Write("a", Version("v", 1, ("a", 1)));
        await Write("b", Version("v", 1, ("a", 1)));
        await Client.WriteAsync(new WriteRequest { TenantId = "other", Key = "a", Version = Version("v", 1, ("a", 1)) });

        var all = await Client.CountRangeAsync(new CountRangeRequest());
        var tenant = await Client.CountRangeAsync(new CountRangeRequest { TenantId = "other" });

        all.Keys.Should().Be(3);
        all.Bytes.Should().BeGreaterThan(0);
        tenant.Keys.Should().Be(1);
    }

    [Fact]
    public async Task HealthCheck_OpenEngine_ReportsHealthyWithCounts()
    {
        await Write("a", Version("v", 1, ("a", 1)));

        var health = await Client.HealthCheckAsync(new HealthCheckRequest());

        health.Healthy.Should().BeTrue();
        health.Status.Should().Be("SERVING");
        health.NodeId.Should().Be("test-node");
        health.EngineOpen.Should().BeTrue();
        health.DataDirWritable.Should().BeTrue();
        health.FreeDiskBytes.Should().BeGreaterThan(0);
        health.DiskUsagePercent.Should().BeInRange(0f, 100f);
        health.KeysCount.Should().Be(1);
    }

    [Fact]
    public async Task HealthCheck_EngineClosed_UnhealthyAndWritesUnavailable()
    {
        await Node.Engine.DisposeAsync();

        var health = await Client.HealthCheckAsync(new HealthCheckRequest());
        var write = () => Write("k", Version("v", 1, ("a", 1)));

        health.Healthy.Should().BeFalse();
        health.EngineOpen.Should().BeFalse();
        health.Status.Should().Contain("engine is not open");
        await ShouldFailAsync(write, StatusCode.Unavailable, "closed");
    }

    [Fact]
    public async Task HealthHttp_LiveAndReady_AnswerOnHealthPort()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Node.HealthPort}") };

        var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var body = await ready.Content.ReadAsStringAsync();
        await Node.Engine.DisposeAsync();
        var notReady = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));

        live.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        ready.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        body.Should().Contain("\"engineOpen\":true").And.Contain("\"nodeId\":\"test-node\"");
        notReady.StatusCode.Should().Be(System.Net.HttpStatusCode.ServiceUnavailable);
    }

    private Task<WriteResponse> Write(string key, Version version) =>
        Client.WriteAsync(new WriteRequest { TenantId = "t", Key = key, Version = version }).ResponseAsync;
}
