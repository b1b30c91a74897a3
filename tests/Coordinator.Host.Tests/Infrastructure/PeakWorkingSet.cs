using System.Diagnostics;

namespace PairDb.Coordinator.Tests.Infrastructure;

/// <summary>Samples this process's working set every 50 ms until disposed, keeping the peak.</summary>
internal sealed class PeakWorkingSet : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peak;

    public PeakWorkingSet() => _sampler = SampleAsync();

    public long PeakBytes => Interlocked.Read(ref _peak);

    public void Dispose()
    {
        _stop.Cancel();
        _sampler.GetAwaiter().GetResult();
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        using var process = Process.GetCurrentProcess();
        try
        {
            do
            {
                process.Refresh();
                Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), process.WorkingSet64));
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Disposed: sampling ends.
        }
    }
}
