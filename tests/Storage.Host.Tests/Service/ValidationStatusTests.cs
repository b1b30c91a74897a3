using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using PairDb.Protocol.Storage;
using PairDb.Storage.Hosting;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.WireVersions;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Storage.Tests.Service;

/// <summary>Every refused request answers a specific status with a message naming the field and the limit.</summary>
public sealed class ValidationStatusTests : WireNodeTest
{
    protected override StorageNodeOptions Configure(StorageNodeOptions defaults) =>
        defaults with { MaxValueBytes = 1000, MaxSiblings = 3, MaxClockEntries = 4 };

    [Fact]
    public async Task Write_BeyondSiblingBound_FailedPrecondition()
    {
        for (var i = 0; i < 3; i++)
        {
            await Write("k", Version("v", 1, ("n" + i, 1)));
        }

        var act = () => Write("k", Version("v", 1, ("n9", 1)));

        (await act.Should().ThrowAsync<RpcException>()).Which.Should().Match<RpcException>(e =>
            e.StatusCode == StatusCode.FailedPrecondition && e.Status.Detail.Contains("limit of 3 siblings"));
    }

    [Theory]
    [InlineData("", "k", "tenant_id must be 1..256 bytes (got 0)")]
    [InlineData("a:b", "k", "must not contain ':'")]
    [InlineData("a\u0001b", "k", "control characters")]
    [InlineData("t", "", "key must be 1..1024 bytes (got 0)")]
    public async Task Write_InvalidTenantOrKey_InvalidArgument(string tenant, string key, string message)
    {
        var act = () => Client.WriteAsync(new WriteRequest { TenantId = tenant, Key = key, Version = Version("v", 1, ("a", 1)) }).ResponseAsync;

        await ShouldFailAsync(act, StatusCode.InvalidArgument, message);
    }

    [Fact]
    public async Task Write_TenantAndKeyAtLimits_AcceptedAndOneByteMoreRefused()
    {
        var tenant = new string('t', 256);
        var key = new string('k', 1023) + "k";

        var ok = await Client.WriteAsync(new WriteRequest { TenantId = tenant, Key = key, Version = Version("v", 1, ("a", 1)) });
        var longTenant = () => Client.WriteAsync(new WriteRequest { TenantId = tenant + "t", Key = "k", Version = Version("v", 1, ("a", 1)) }).ResponseAsync;
        var longKey = () => Client.ReadAsync(new ReadRequest { TenantId = "t", Key = key + "é" }).ResponseAsync;

        ok.Applied.Should().BeTrue();
        await ShouldFailAsync(longTenant, StatusCode.InvalidArgument, "tenant_id must be 1..256 bytes (got 257)");
        await ShouldFailAsync(longKey, StatusCode.InvalidArgument, "key must be 1..1024 bytes (got 1026)");
    }

    [Fact]
    public async Task Write_ValueOverLimit_InvalidArgument()
    {
        var version = Version(new string('v', 1001), 1, ("a", 1));

        await ShouldFailAsync(() => Write("k", version), StatusCode.InvalidArgument, "version.value must be at most 1000 bytes (got 1001)");
        (await Write("k", Version(new string('v', 1000), 1, ("a", 1)))).Applied.Should().BeTrue();
    }

    [Fact]
    public async Task Write_BadClocksOrStamp_InvalidArgument()
    {
        await ShouldFailAsync(() => Write("k", Version("v", 1)), StatusCode.InvalidArgument, "version.clock must hold at least one entry");
        await ShouldFailAsync(() => Write("k", Version("v", 1, ("a", 1), ("b", 1), ("c", 1), ("d", 1), ("e", 1))), StatusCode.InvalidArgument, "holds 5 entries; the limit is 4");
        await ShouldFailAsync(() => Write("k", Version("v", 1, ("a", 0))), StatusCode.InvalidArgument, "counter must be positive");
        await ShouldFailAsync(() => Write("k", Version("v", 1, ("a", 1), ("a", 2))), StatusCode.InvalidArgument, "names a node more than once");
        await ShouldFailAsync(() => Write("k", Version("v", 1, ("", 1))), StatusCode.InvalidArgument, "node_id must be 1..256 bytes");
        await ShouldFailAsync(() => Write("k", Version("v", -1, ("a", 1))), StatusCode.InvalidArgument, "timestamp_micros must not be negative");
        await ShouldFailAsync(
            () => Client.WriteAsync(new WriteRequest { TenantId = "t", Key = "k" }).ResponseAsync,
            StatusCode.InvalidArgument,
            "version is required");
        var tombstoneWithValue = Version("v", 1, ("a", 1));
        tombstoneWithValue.Tombstone = true;
        await ShouldFailAsync(() => Write("k", tombstoneWithValue), StatusCode.InvalidArgument, "must not carry a value");
    }

    [Fact]
    public async Task Write_NegativeExpiryOrExpiringTombstone_InvalidArgument()
    {
        var negative = Version("v", 1, ("a", 1));
        negative.ExpiresAtMicros = -1;
        var expiringTombstone = Version("", 1, ("a", 1));
        expiringTombstone.Tombstone = true;
        expiringTombstone.ExpiresAtMicros = 5;
        var expiring = Version("v", 1, ("a", 1));
        expiring.ExpiresAtMicros = 5;

        await ShouldFailAsync(() => Write("k", negative), StatusCode.InvalidArgument, "version.expires_at_micros must not be negative (was -1)");
        await ShouldFailAsync(() => Write("k", expiringTombstone), StatusCode.InvalidArgument, "must not carry expires_at_micros");
        (await Write("k", expiring)).Applied.Should().BeTrue();
        var read = await Client.ReadAsync(new ReadRequest { TenantId = "t", Key = "k" });
        read.Versions.Should().ContainSingle().Which.ExpiresAtMicros.Should().Be(5);
    }

    [Fact]
    public async Task Repair_NoVersionsOrTooMany_InvalidArgument()
    {
        var tooMany = new RepairRequest { TenantId = "t", Key = "k" };
        for (var i = 0; i < 4; i++)
        {
            tooMany.Versions.Add(Version("v", 1, ("n" + i, 1)));
        }

        await ShouldFailAsync(
            () => Client.RepairAsync(new RepairRequest { TenantId = "t", Key = "k" }).ResponseAsync,
            StatusCode.InvalidArgument,
            "at least one version");
        await ShouldFailAsync(() => Client.RepairAsync(tooMany).ResponseAsync, StatusCode.InvalidArgument, "the limit is 3");
    }

    [Fact]
    public async Task ScanRange_NegativeBatchSize_InvalidArgument()
    {
        using var call = Client.ScanRange(new ScanRangeRequest { BatchSize = -1 });

        var act = async () =>
        {
            await foreach (var batch in call.ResponseStream.ReadAllAsync())
            {
                batch.Records.Should().BeEmpty();
            }
        };

        await ShouldFailAsync(act, StatusCode.InvalidArgument, "batch_size must not be negative");
    }

    [Fact]
    public async Task UnknownMethod_Unimplemented()
    {
        var marshaller = Marshallers.Create<ReadRequest>(r => r.ToByteArray(), ReadRequest.Parser.ParseFrom);
        var replies = Marshallers.Create<ReadResponse>(r => r.ToByteArray(), ReadResponse.Parser.ParseFrom);
        var bogus = new Method<ReadRequest, ReadResponse>(MethodType.Unary, StorageNodeService.Descriptor.FullName, "Nope", marshaller, replies);
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30));

        await ShouldFailAsync(() => Channel.CreateCallInvoker().AsyncUnaryCall(bogus, null, options, new ReadRequest()).ResponseAsync, StatusCode.Unimplemented, "Nope");
    }

    private Task<WriteResponse> Write(string key, Version version) =>
        Client.WriteAsync(new WriteRequest { TenantId = "t", Key = key, Version = version }).ResponseAsync;
}
