using FluentAssertions;
using PairDb.Coordinator.Configuration;

namespace PairDb.Coordinator.Tests.Configuration;

/// <summary>
/// The anti-entropy keys and the tombstone grace: defaults, the environment, the bounds refused at start, and the
/// warnings for values that risk bringing deleted keys back.
/// </summary>
public sealed class ConvergenceSettingsTests : IDisposable
{
    private readonly ConfigurationTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Load_NothingSet_DocumentedDefaultsAndNoWarnings()
    {
        var options = _context.Load();

        options.AntiEntropyEnabled.Should().BeTrue();
        options.AntiEntropyInterval.Should().Be(TimeSpan.FromHours(1));
        options.AntiEntropyKeysPerSecond.Should().Be(20_000);
        options.AntiEntropyLeaves.Should().Be(64);
        options.AntiEntropyScanThreshold.Should().Be(256);
        options.AntiEntropyRecheckInterval.Should().Be(TimeSpan.FromSeconds(10));
        options.StorageTombstoneGrace.Should().Be(TimeSpan.FromHours(24));
        options.HintsEnabled.Should().BeTrue();
        options.ConfigurationWarnings.Should().BeEmpty();
    }

    [Fact]
    public void Load_VariablesSet_SetTheAntiEntropyOptions()
    {
        _context.Set("ANTI_ENTROPY_ENABLED", "false").Set("ANTI_ENTROPY_INTERVAL", "30m").Set("ANTI_ENTROPY_KEYS_PER_SECOND", "500")
            .Set("ANTI_ENTROPY_LEAVES", "16").Set("ANTI_ENTROPY_SCAN_THRESHOLD", "32").Set("ANTI_ENTROPY_RECHECK_INTERVAL_MS", "2500")
            .Set("HINTS_ENABLED", "false");

        var options = _context.Load();

        (options.AntiEntropyEnabled, options.AntiEntropyInterval, options.AntiEntropyKeysPerSecond).Should().Be((false, TimeSpan.FromMinutes(30), 500));
        (options.AntiEntropyLeaves, options.AntiEntropyScanThreshold, options.AntiEntropyRecheckInterval).Should().Be((16, 32, TimeSpan.FromMilliseconds(2500)));
        options.HintsEnabled.Should().BeFalse();
    }

    [Theory]
    [InlineData("STORAGE_TOMBSTONE_GRACE", "storage.tombstone_grace", "87601h")]
    [InlineData("ANTI_ENTROPY_INTERVAL", "anti_entropy.interval", "8761h")]
    [InlineData("ANTI_ENTROPY_LEAVES", "anti_entropy.leaves", "4097")]
    [InlineData("ANTI_ENTROPY_KEYS_PER_SECOND", "anti_entropy.keys_per_second", "0")]
    public void Load_OutOfBounds_RefusedNamingTheKeyAndTheVariable(string variable, string key, string value)
    {
        _context.Set(variable, value);

        var load = () => _context.Load();

        load.Should().Throw<CoordinatorConfigurationException>().Where(e => e.Key == key && e.Message.Contains(variable));
    }

    [Fact]
    public void Load_GraceNotAboveTheLongestDeadline_StartsWithAWarningNamingBoth()
    {
        _context.Set("STORAGE_TOMBSTONE_GRACE", "30m").Set("HINTS_ENABLED", "false");

        var options = _context.Load();

        options.ConfigurationWarnings.Should().ContainSingle().Which.Should()
            .StartWith("storage.tombstone_grace (00:30:00) is not above requests.max_deadline_ms (01:00:00)").And.Contain("bring the key back");
    }

    [Fact]
    public void Load_HintWindowNotBelowTheGrace_StartsWithAWarningNamingBoth()
    {
        _context.Set("STORAGE_TOMBSTONE_GRACE", "2h").Set("HINT_WINDOW", "3h");

        var options = _context.Load();

        options.ConfigurationWarnings.Should().ContainSingle().Which.Should()
            .StartWith("hints.window (03:00:00) is not below storage.tombstone_grace (02:00:00)");
    }

    [Fact]
    public void Load_HintWindowAboveTheGraceWithHintsOff_NoWarning()
    {
        _context.Set("STORAGE_TOMBSTONE_GRACE", "2h").Set("HINT_WINDOW", "3h").Set("HINTS_ENABLED", "false");

        _context.Load().ConfigurationWarnings.Should().BeEmpty();
    }
}
