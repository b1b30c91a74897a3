using System.Diagnostics;
using FluentAssertions;
using FsCheck.Fluent;
using Google.Protobuf;
using Grpc.Core;
using PairDb.Protocol.Coordinator;
using Xunit.Abstractions;

namespace PairDb.Coordinator.Tests.Fuzz;

/// <summary>
/// Fuzzes proto.CoordinatorService over a real loopback HTTP/2 connection: valid requests of every method with random
/// fields, mutations of them and random bytes, from a fixed seed. Every answer must keep <see cref="AnswerRules"/>;
/// a refused call must leave the checked keys and the cluster records as they were (<see cref="ClusterSnapshot"/>);
/// afterwards the coordinator still writes and reads. A failure names the seed, the case number and its bytes.
/// </summary>
public sealed class CoordinatorFuzzTests
{
    private const ulong Seed = 20_261_207;
    private const int CaseCount = 3000;
    private const int MaxReportedFailures = 10;
    private const int RecentCases = 5;
    private static readonly TimeSpan CallBound = TimeSpan.FromSeconds(15);
    private static readonly FuzzedService Service = new(CoordinatorService.Descriptor);

    private readonly ITestOutputHelper _output;

    public CoordinatorFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task CoordinatorService_FuzzedRequests_AnswerWithStatusAndRefuseWithoutChanges()
    {
        await using var target = await CoordinatorFuzzTarget.StartAsync();
        var cases = FuzzCases.Sample(
            FuzzCases.Of(CoordinatorMessages.Any(CoordinatorFuzzTarget.MaxValueBytes, target.Ports), Service.Methods, CoordinatorFuzzTarget.MaxMessageBytes)
                .Where(c => target.StaysOnLoopback(c, Service)),
            Seed,
            CaseCount);
        var failures = new List<string>();
        var statuses = new Dictionary<(string Method, StatusCode Code), int>();
        var clock = Stopwatch.StartNew();
        var recent = new Queue<string>();

        for (var i = 0; i < cases.Length && failures.Count < MaxReportedFailures; i++)
        {
            var fuzzCase = cases[i];
            var keys = CoordinatorFuzzTarget.CheckedKeys(fuzzCase, Service);
            var before = await target.SnapshotAsync(keys);
            var answer = await target.Raw.CallAsync(fuzzCase, Service.TypeOf(fuzzCase), CallBound);
            var code = answer.Status.StatusCode;
            statuses[(fuzzCase.Method, code)] = statuses.GetValueOrDefault((fuzzCase.Method, code)) + 1;
            var violation = AnswerRules.Violation(Service, fuzzCase, answer, CallBound);
            if (violation is null && code != StatusCode.OK)
            {
                violation = (await target.SnapshotAsync(keys)).ChangedSince(before);
            }

            if (violation is not null)
            {
                failures.Add($"seed {Seed}, case {i}: {fuzzCase.Describe()}: {violation} (the cases before it: {string.Join("; ", recent)})");
            }

            // The last few answers, so a change that shows up one case late can be traced to the call that made it.
            recent.Enqueue($"{i} {fuzzCase.Method} {code}");
            if (recent.Count > RecentCases)
            {
                recent.Dequeue();
            }
        }

        _output.WriteLine($"seed {Seed}: {cases.Length} cases in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var group in statuses.GroupBy(static s => s.Key.Method).OrderBy(static g => g.Key, StringComparer.Ordinal))
        {
            _output.WriteLine($"{group.Key}: {string.Join(", ", group.Select(static s => $"{s.Key.Code} {s.Value}"))}");
        }

        failures.Should().BeEmpty();
        statuses.Keys.Select(static s => s.Method).Distinct().Should().BeEquivalentTo(Service.Methods.Select(static m => m.Method), "every method is fuzzed");
        var written = await target.Coordinator.Client.WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = "default", Key = "after-fuzz", Value = ByteString.CopyFromUtf8("still up") }, deadline: DateTime.UtcNow.Add(CallBound));
        written.Success.Should().BeTrue();
        var read = await target.Coordinator.Client.ReadKeyValueAsync(
            new ReadKeyValueRequest { TenantId = "default", Key = "after-fuzz", Consistency = "all" }, deadline: DateTime.UtcNow.Add(CallBound));
        read.Value.ToStringUtf8().Should().Be("still up");
    }
}
