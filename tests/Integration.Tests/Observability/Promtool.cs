using System.Diagnostics;

namespace PairDb.Integration.Tests.Observability;

/// <summary>
/// Runs `promtool check metrics` (Debian package prometheus) on a scrape: Prometheus' own parser and linter, an
/// independent judge of the exposition text. scripts/test.sh installs it.
/// </summary>
/// <remarks>
/// A test that needs promtool never skips: without it the test fails, saying how to get it, under CI=true and
/// locally alike (as <see cref="Infrastructure.TestServers"/> does for PostgreSQL and Redis).
/// </remarks>
public static class Promtool
{
    /// <summary>Exit code and combined output of `promtool check metrics` reading <paramref name="exposition"/> on stdin.</summary>
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition)
    {
        var start = new ProcessStartInfo(Locate(), ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static string Locate()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "promtool");
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        throw new InvalidOperationException(inCi
            ? "promtool is not on PATH, yet CI=true: run the tests through ./scripts/test.sh, which installs it (Debian package prometheus)."
            : "promtool is not on PATH: install it (apt-get install -y prometheus) or run ./scripts/test.sh, which installs it.");
    }
}
