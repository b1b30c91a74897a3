using System.Diagnostics;
using FluentAssertions;
using FsCheck.Fluent;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Messages.Validation;
using PairDb.Protocol.Storage;
using PairDb.Storage.Hosting;
using PairDb.Storage.Tests.Support;
using Xunit.Abstractions;

namespace PairDb.Storage.Tests.Fuzz;

/// <summary>
/// Fuzzes storage.StorageNodeService over a real loopback HTTP/2 connection: valid requests of every method with
/// random fields, mutations of them and random bytes, from a fixed seed. Every answer must keep
/// <see cref="AnswerRules"/>; a refused call must leave the node's contents exactly as they were
/// (<see cref="NodeContents"/>); afterwards the node still reports healthy, writes and reads. A failure names the
/// seed, the case number and its bytes.
/// </summary>
public sealed class StorageFuzzTests : IAsyncLifetime
{
    private const ulong Seed = 20_261_208;
    private const int CaseCount = 6000;
    private const int MaxValueBytes = 64 * 1024;
    private const int MaxSiblings = 4;
    private const int MaxBatchBytes = 4 * MaxValueBytes;
    private static readonly int MaxMessageBytes = RequestLimits.MaxMessageBytes(MaxValueBytes, MaxBatchBytes);
    private const int MaxReportedFailures = 10;
    private static readonly TimeSpan CallBound = TimeSpan.FromSeconds(15);
    private static readonly FuzzedService Service = new(StorageNodeService.Descriptor);

    private readonly TempDirectory _directory = new();
    private readonly ITestOutputHelper _output;
    private RunningStorageNode _node = null!;
    private GrpcChannel _channel = null!;

    public StorageFuzzTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        // Limits that agree: a key's versions (at most MaxSiblings values at the limit) and a scan batch each fit in
        // one message. The node does not check that they do (docs/storage.md notes the sibling case for streams):
        // with its defaults (100 siblings of 1 MiB, 64 MiB messages) a key with many large siblings can be neither
        // read nor scanned, answering RESOURCE_EXHAUSTED "Sending message exceeds the maximum configured message size".
        _node = await TestNodes.StartAsync(TestNodes.Options(_directory) with
        {
            MaxValueBytes = MaxValueBytes, MaxSiblings = MaxSiblings, MaxBatchBytes = MaxBatchBytes, ScanBatchBytes = MaxMessageBytes / 4,
        });
        _channel = TestNodes.Channel(_node);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _node.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task StorageNodeService_FuzzedRequests_AnswerWithStatusAndRefuseWithoutChanges()
    {
        var client = TestNodes.Client(_channel);
        using var raw = new RawChannel(_node.Address);
        var cases = FuzzCases.Sample(FuzzCases.Of(StorageMessages.Any(MaxValueBytes), Service.Methods, MaxMessageBytes), Seed, CaseCount);
        var failures = new List<string>();
        var statuses = new Dictionary<(string Method, StatusCode Code), int>();
        var clock = Stopwatch.StartNew();
        var contents = await NodeContents.ScanAsync(client);
        var slowestScan = 0.0;

        for (var i = 0; i < cases.Length && failures.Count < MaxReportedFailures; i++)
        {
            var fuzzCase = cases[i];
            var answer = await raw.CallAsync(fuzzCase, Service.TypeOf(fuzzCase), CallBound);
            var code = answer.Status.StatusCode;
            statuses[(fuzzCase.Method, code)] = statuses.GetValueOrDefault((fuzzCase.Method, code)) + 1;
            NodeContents after;
            var scanClock = Stopwatch.StartNew();
            try
            {
                after = await NodeContents.ScanAsync(client);
                slowestScan = Math.Max(slowestScan, scanClock.Elapsed.TotalMilliseconds);
            }
            catch (RpcException ex)
            {
                throw new InvalidOperationException($"seed {Seed}, case {i}: {fuzzCase.Describe()} answered {code}, then scanning the node failed after {scanClock.Elapsed.TotalSeconds:F1} s (the slowest scan before it took {slowestScan:F0} ms)", ex);
            }

            var violation = AnswerRules.Violation(Service, fuzzCase, answer, CallBound)
                ?? (code == StatusCode.OK ? null : after.ChangedSince(contents));
            if (violation is not null)
            {
                failures.Add($"seed {Seed}, case {i}: {fuzzCase.Describe()}: {violation}");
            }

            contents = after;
        }

        _output.WriteLine($"seed {Seed}: {cases.Length} cases in {clock.Elapsed.TotalSeconds:F1} s, slowest scan of the node {slowestScan:F0} ms");
        foreach (var group in statuses.GroupBy(static s => s.Key.Method).OrderBy(static g => g.Key, StringComparer.Ordinal))
        {
            _output.WriteLine($"{group.Key}: {string.Join(", ", group.Select(static s => $"{s.Key.Code} {s.Value}"))}");
        }

        failures.Should().BeEmpty();
        statuses.Keys.Select(static s => s.Method).Distinct().Should().BeEquivalentTo(Service.Methods.Select(static m => m.Method), "every method is fuzzed");
        (await client.HealthCheckAsync(new HealthCheckRequest())).Healthy.Should().BeTrue();
        var version = new Protocol.Storage.Version
        {
            Value = ByteString.CopyFromUtf8("still up"), Clock = { new ClockEntry { NodeId = "after", Counter = 1 } }, TimestampMicros = 1, CoordinatorId = "after",
        };
        await client.WriteAsync(new WriteRequest { TenantId = "after", Key = "fuzz", Version = version });
        var read = await client.ReadAsync(new ReadRequest { TenantId = "after", Key = "fuzz" });
        read.Versions.Should().ContainSingle().Which.Value.ToStringUtf8().Should().Be("still up");
    }
}
