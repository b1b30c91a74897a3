using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PairDb.Bench.Micro;

namespace PairDb.Bench.Commands;

/// <summary>`micro`: BenchmarkDotNet micro-benchmarks of the gRPC frame encode/decode, allocations included.</summary>
public sealed class MicroCommand : IBenchCommand
{
    public string Name => "micro";

    public string Usage => "micro [BenchmarkDotNet args]";

    public string Summary => "frame encode/decode micro-benchmarks (short in-process job, allocations reported)";

    public Task<int> RunAsync(string[] args)
    {
        // A short job (1 launch, 3 warm-ups, 10 iterations) keeps a run to a few minutes on 2 cores while giving a
        // usable error bar. In-process, because a generated benchmark project inside this repository would inherit
        // warnings-as-errors from its Directory.Build.props.
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.ShortRun.WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default);
        var summary = BenchmarkRunner.Run<FrameBenchmarks>(config, args);
        return Task.FromResult(summary.HasCriticalValidationErrors || summary.Reports.Length == 0 ? 1 : CommandResult.Success);
    }
}
