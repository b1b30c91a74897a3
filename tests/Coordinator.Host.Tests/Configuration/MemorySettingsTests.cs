using FluentAssertions;
using PairDb.Coordinator.Configuration;

namespace PairDb.Coordinator.Tests.Configuration;

/// <summary>The idle-trim keys, from their defaults and the environment.</summary>
public sealed class MemorySettingsTests : IDisposable
{
    private readonly ConfigurationTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Load_NothingSet_TrimAfterThirtyQuietSecondsBelowOneMiBASecond()
    {
        var options = _context.Load();

        options.MemoryIdleTrimAfter.Should().Be(TimeSpan.FromSeconds(30));
        options.MemoryIdleAllocationRate.Should().Be(1024 * 1024);
    }

    [Theory]
    [InlineData("2m", 120)]
    [InlineData("off", 0)]
    [InlineData("OFF", 0)]
    [InlineData("0", 0)]
    public void Load_TrimAfterSet_DurationOrOff(string value, int seconds)
    {
        _context.Set("MEMORY_IDLE_TRIM_AFTER", value).Set("MEMORY_IDLE_ALLOCATION_RATE", "0");

        var options = _context.Load();

        options.MemoryIdleTrimAfter.Should().Be(TimeSpan.FromSeconds(seconds));
        options.MemoryIdleAllocationRate.Should().Be(0);
    }

    [Theory]
    [InlineData("MEMORY_IDLE_TRIM_AFTER", "memory.idle_trim_after", "never")]
    [InlineData("MEMORY_IDLE_TRIM_AFTER", "memory.idle_trim_after", "0s")]
    [InlineData("MEMORY_IDLE_ALLOCATION_RATE", "memory.idle_allocation_rate", "-1")]
    public void Load_InvalidValue_NamesTheKeyAndTheVariable(string variable, string key, string value)
    {
        _context.Set(variable, value);

        var load = () => _context.Load();

        load.Should().Throw<CoordinatorConfigurationException>()
            .Where(e => e.Key == key && e.Message.Contains(variable) && e.Message.Contains($"'{value}'"));
    }
}
