using System.Globalization;
using PairDb.Bench.Allocations;

namespace PairDb.Bench.Commands;

/// <summary>
/// `alloc-report FILE [--top N]`: where a process's allocations came from, from the allocation samples of an EventPipe
/// trace taken with `dotnet-trace collect --profile gc-verbose` (bench/gc-profile.sh takes one): the types and the
/// methods (inclusive) with the largest shares of the sampled bytes.
/// </summary>
public sealed class AllocReportCommand : IBenchCommand
{
    private const int MaxNameLength = 180;

    public string Name => "alloc-report";

    public string Usage => "alloc-report FILE.nettrace [--top N]";

    public string Summary => "Sum a gc-verbose trace's allocation samples by type and by method (inclusive).";

    public Task<int> RunAsync(string[] args)
    {
        var top = 30;
        if (args.Length is not (1 or 3)
            || (args.Length == 3 && (args[1] != "--top" || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out top) || top < 1)))
        {
            return Task.FromResult(CommandResult.Usage(this, "alloc-report needs a trace file and optionally --top N (N >= 1)."));
        }

        if (!File.Exists(args[0]))
        {
            return Task.FromResult(CommandResult.Usage(this, $"No trace file at '{args[0]}'."));
        }

        var samples = AllocationSamples.Read(args[0]);
        if (samples.Count == 0)
        {
            Console.Error.WriteLine($"'{args[0]}' holds no allocation samples: take it with `dotnet-trace collect --profile gc-verbose`.");
            return Task.FromResult(1);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{samples.Count} allocation samples standing for {samples.TotalBytes / 1e6:F1} MB"));
        Console.WriteLine("== types (share of sampled bytes)");
        foreach (var (name, share) in samples.TopTypes(top))
        {
            Console.WriteLine(Line(share, name));
        }

        Console.WriteLine("== methods on the allocating stacks (inclusive)");
        foreach (var (name, share) in samples.TopFrames(top))
        {
            Console.WriteLine(Line(share, name));
        }

        return Task.FromResult(CommandResult.Success);
    }

    private static string Line(double share, string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{share * 100,6:F2}%  {(name.Length > MaxNameLength ? name[..MaxNameLength] : name)}");
}
