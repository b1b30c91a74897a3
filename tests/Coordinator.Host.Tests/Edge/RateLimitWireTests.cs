using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;
using Xunit.Abstractions;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>
/// Tenants' rate limits over the wire, against a real coordinator: a tenant held to 100 requests per second is refused
/// beyond it while another tenant runs at full speed beside it, byte limits, batches, and limit changes taking effect
/// at once. Runs alone so the unlimited tenant's rate is the machine's, not shared with other test classes.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class RateLimitWireTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ReadKeyValue_TenantHeldTo100PerSecond_RefusedBeyondItWhileAnotherTenantRunsFree()
    {
        // Arrange: a burst of 200 ms, so the measured rate is the refill rate rather than the first bucketful.
        await using var coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with { RateLimitBurst = TimeSpan.FromMilliseconds(200) });
        var client = coordinator.Client;
        await CreateTenantAsync(client, "limited");
        await CreateTenantAsync(client, "free");
        await client.SetTenantLimitsAsync(new SetTenantLimitsRequest { TenantId = "limited", RequestsPerSecond = 100 }, deadline: Deadline());
        foreach (var tenant in new[] { "limited", "free" })
        {
            await client.WriteKeyValueAsync(new WriteKeyValueRequest { TenantId = tenant, Key = "k", Value = ByteString.CopyFromUtf8("v") }, deadline: Deadline());
        }

        // Act: both tenants read as fast as they can, at once, until the limited one has 300 reads admitted.
        var limited = new TenantLoad("limited");
        var free = new TenantLoad("free");
        using var stop = new CancellationTokenSource(Patience);
        var watch = Stopwatch.StartNew();
        var loads = Enumerable.Range(0, 4).Select(_ => ReadLoopAsync(client, limited, stop.Token))
            .Concat(Enumerable.Range(0, 8).Select(_ => ReadLoopAsync(client, free, stop.Token)))
            .ToList();
        while (limited.Admitted < 300 && !stop.IsCancellationRequested)
        {
            await Task.Delay(10);
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var limitedAdmitted = limited.Admitted;
        var freeAdmitted = free.Admitted;
        await stop.CancelAsync();
        await Task.WhenAll(loads);

        // Assert: the shape, with generous bounds: near 100 per second (plus the 20-call burst), and far more for the other.
        limitedAdmitted.Should().BeGreaterThanOrEqualTo(300, "the limited tenant reached its 300 admitted reads within {0}", Patience);
        var limitedRate = limitedAdmitted / seconds;
        var freeRate = freeAdmitted / seconds;
        var report = $"limited {limitedAdmitted} admitted, {limited.Refused} refused; free {freeAdmitted} admitted, {free.Refused} refused; {seconds:0.00} s";
        output.WriteLine(report);
        limitedRate.Should().BeInRange(50, 150, report);
        limited.Refused.Should().BePositive(report);
        limited.RefusedWithoutRetryAfter.Should().Be(0, report);
        free.Refused.Should().Be(0, report);
        freeRate.Should().BeGreaterThan(1.5 * limitedRate, report);
        limited.Failures.Concat(free.Failures).Should().BeEmpty(report);
    }

    [Fact]
    public async Task WriteKeyValue_BytesPerSecondLimit_RefusedOnceTheBytesAreSpentThenAdmittedAgain()
    {
        await using var coordinator = await InProcessCoordinator.StartAsync();
        var client = coordinator.Client;
        await CreateTenantAsync(client, "bytes");
        await client.SetTenantLimitsAsync(new SetTenantLimitsRequest { TenantId = "bytes", BytesPerSecond = 10_000 }, deadline: Deadline());
        var value = ByteString.CopyFrom(new byte[3000]);

        var admitted = 0;
        RpcException? refusal = null;
        while (refusal is null && admitted < 100)
        {
            try
            {
                await client.WriteKeyValueAsync(new WriteKeyValueRequest { TenantId = "bytes", Key = "k" + admitted, Value = value }, deadline: Deadline());
                admitted++;
            }
            catch (RpcException ex)
            {
                refusal = ex;
            }
        }

        // 10,000 bytes in the bucket: three writes of about 3,000 bytes, a fourth if the bucket refilled meanwhile.
        admitted.Should().BeInRange(3, 4);
        refusal!.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        refusal.Status.Detail.Should().Contain("10000 request bytes per second");
        RetryAfterMs(refusal).Should().BeInRange(1, 1000);
        await EventuallyAdmittedAsync(() => client.WriteKeyValueAsync(new WriteKeyValueRequest { TenantId = "bytes", Key = "later", Value = value }, deadline: Deadline()).ResponseAsync);
    }

    [Fact]
    public async Task BatchWrite_MoreKeysThanTheTenantHasLeft_RefusedAsAWholeWithRetryAfter()
    {
        await using var coordinator = await InProcessCoordinator.StartAsync();
        var client = coordinator.Client;
        await CreateTenantAsync(client, "batch");
        await client.SetTenantLimitsAsync(new SetTenantLimitsRequest { TenantId = "batch", RequestsPerSecond = 5 }, deadline: Deadline());
        var first = new BatchWriteRequest { TenantId = "batch" };
        first.Items.AddRange(Enumerable.Range(0, 5).Select(i => new BatchWriteItem { Key = "a" + i, Value = ByteString.CopyFromUtf8("v") }));
        var second = new BatchWriteRequest { TenantId = "batch" };
        second.Items.AddRange(Enumerable.Range(0, 2).Select(i => new BatchWriteItem { Key = "b" + i, Value = ByteString.CopyFromUtf8("v") }));

        var written = await client.BatchWriteAsync(first, deadline: Deadline());
        var refused = await Assert.ThrowsAsync<RpcException>(() => client.BatchWriteAsync(second, deadline: Deadline()).ResponseAsync);

        written.Results.Should().OnlyContain(static r => r.Status.Code == (int)StatusCode.OK);
        refused.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        refused.Status.Detail.Should().Contain("5 requests per second");
        RetryAfterMs(refused).Should().BeInRange(1, 1000);
    }

    [Fact]
    public async Task SetTenantLimits_ChangedWhileRunning_TakesEffectAtTheNextCall()
    {
        await using var coordinator = await InProcessCoordinator.StartAsync();
        var client = coordinator.Client;
        await CreateTenantAsync(client, "change");
        await client.SetTenantLimitsAsync(new SetTenantLimitsRequest { TenantId = "change", RequestsPerSecond = 1 }, deadline: Deadline());
        (await ReadCodeAsync(client, "change")).Should().Be(StatusCode.NotFound);
        (await ReadCodeAsync(client, "change")).Should().Be(StatusCode.ResourceExhausted);

        var lifted = await client.SetTenantLimitsAsync(new SetTenantLimitsRequest { TenantId = "change", UseDefaults = true }, deadline: Deadline());
        var afterLift = new List<StatusCode>();
        for (var i = 0; i < 50; i++)
        {
            afterLift.Add(await ReadCodeAsync(client, "change"));
        }

        await client.SetTenantLimitsAsync(new SetTenantLimitsRequest { TenantId = "change", RequestsPerSecond = 1 }, deadline: Deadline());
        var afterLimit = new List<StatusCode>();
        for (var i = 0; i < 5; i++)
        {
            afterLimit.Add(await ReadCodeAsync(client, "change"));
        }

        lifted.Should().Be(new SetTenantLimitsResponse { Success = true, TenantId = "change", LimitsFromDefaults = true, UpdatedAt = lifted.UpdatedAt });
        afterLift.Should().OnlyContain(static code => code == StatusCode.NotFound);
        afterLimit.Should().Contain(StatusCode.ResourceExhausted);
    }

    [Fact]
    public async Task GetTenantAndListTenants_OwnAndDefaultLimits_ShowWhatIsEnforced()
    {
        await using var coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with { RateLimitDefaultRequestsPerSecond = 500 });
        var client = coordinator.Client;
        await CreateTenantAsync(client, "own");
        await client.SetTenantLimitsAsync(new SetTenantLimitsRequest { TenantId = "own", RequestsPerSecond = 7, BytesPerSecond = 9000 }, deadline: Deadline());

        var own = await client.GetTenantAsync(new GetTenantRequest { TenantId = "own" }, deadline: Deadline());
        var listed = await client.ListTenantsAsync(new ListTenantsRequest(), deadline: Deadline());

        (own.RequestsPerSecond, own.BytesPerSecond, own.LimitsFromDefaults).Should().Be((7L, 9000L, false));
        var byId = listed.Tenants.ToDictionary(static t => t.TenantId);
        (byId["own"].RequestsPerSecond, byId["own"].BytesPerSecond, byId["own"].LimitsFromDefaults).Should().Be((7L, 9000L, false));
        (byId["default"].RequestsPerSecond, byId["default"].BytesPerSecond, byId["default"].LimitsFromDefaults).Should().Be((500L, 0L, true));
    }

    [Theory]
    [InlineData("t", -1L, 0L, false, StatusCode.InvalidArgument, "requests_per_second")]
    [InlineData("t", 0L, 2147483648L, false, StatusCode.InvalidArgument, "bytes_per_second")]
    [InlineData("t", 5L, 0L, true, StatusCode.InvalidArgument, "use_defaults")]
    [InlineData("a:b", 5L, 0L, false, StatusCode.InvalidArgument, "tenant_id")]
    [InlineData("ghost", 5L, 0L, false, StatusCode.NotFound, "ghost")]
    public async Task SetTenantLimits_BadRequest_ClearStatusNamingTheField(
        string tenantId, long requests, long bytes, bool useDefaults, StatusCode code, string named)
    {
        await using var coordinator = await InProcessCoordinator.StartAsync();
        await CreateTenantAsync(coordinator.Client, "t");

        var error = await Assert.ThrowsAsync<RpcException>(() => coordinator.Client.SetTenantLimitsAsync(
            new SetTenantLimitsRequest { TenantId = tenantId, RequestsPerSecond = requests, BytesPerSecond = bytes, UseDefaults = useDefaults },
            deadline: Deadline()).ResponseAsync);

        error.StatusCode.Should().Be(code);
        error.Status.Detail.Should().Contain(named);
        (await coordinator.Client.GetTenantAsync(new GetTenantRequest { TenantId = "t" }, deadline: Deadline())).LimitsFromDefaults.Should().BeTrue();
    }

    private static DateTime Deadline() => DateTime.UtcNow + CallTimeout;

    private static Task CreateTenantAsync(CoordinatorService.CoordinatorServiceClient client, string tenant) =>
        client.CreateTenantAsync(new CreateTenantRequest { TenantId = tenant, ReplicationFactor = 1 }, deadline: Deadline()).ResponseAsync;

    private static int RetryAfterMs(RpcException error) =>
        int.Parse(error.Trailers.GetValue("retry-after-ms") ?? "0", CultureInfo.InvariantCulture);

    private static async Task<StatusCode> ReadCodeAsync(CoordinatorService.CoordinatorServiceClient client, string tenant)
    {
        try
        {
            await client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = tenant, Key = "absent" }, deadline: Deadline());
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    private static async Task EventuallyAdmittedAsync(Func<Task> call)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                await call();
                return;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted && DateTime.UtcNow < until)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(RetryAfterMs(ex)));
            }
        }
    }

    private static async Task ReadLoopAsync(CoordinatorService.CoordinatorServiceClient client, TenantLoad load, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = load.Tenant, Key = "k" }, deadline: Deadline(), cancellationToken: stop);
                load.Admit();
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
            {
                load.Refuse(ex.Trailers.GetValue("retry-after-ms") is not null);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException ex)
            {
                load.Fail(ex.Status.ToString());
            }
        }
    }

    /// <summary>What one tenant's readers saw.</summary>
    private sealed class TenantLoad(string tenant)
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _failures = new();
        private long _admitted;
        private long _refused;
        private long _refusedWithoutRetryAfter;

        public string Tenant { get; } = tenant;

        public long Admitted => Interlocked.Read(ref _admitted);

        public long Refused => Interlocked.Read(ref _refused);

        public long RefusedWithoutRetryAfter => Interlocked.Read(ref _refusedWithoutRetryAfter);

        public IEnumerable<string> Failures => _failures;

        public void Admit() => Interlocked.Increment(ref _admitted);

        public void Refuse(bool withRetryAfter)
        {
            Interlocked.Increment(ref _refused);
            if (!withRetryAfter)
            {
                Interlocked.Increment(ref _refusedWithoutRetryAfter);
            }
        }

        public void Fail(string status) => _failures.Enqueue(status);
    }
}
