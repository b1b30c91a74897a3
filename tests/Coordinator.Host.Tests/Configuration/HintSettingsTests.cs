using FluentAssertions;
using PairDb.Coordinator.Configuration;

namespace PairDb.Coordinator.Tests.Configuration;

/// <summary>The hinted-handoff keys: window, size cap and replay rate, from their defaults, the YAML file and the environment.</summary>
public sealed class HintSettingsTests : IDisposable
{
    private readonly ConfigurationTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Load_NothingSet_ThreeHourWindow256MiBCapAThousandASecond()
    {
        var options = _context.Load();

        options.HintWindow.Should().Be(TimeSpan.FromHours(3));
        options.HintMaxBytes.Should().Be(256 * 1024 * 1024);
        options.HintReplayRate.Should().Be(1000);
    }

    [Fact]
    public void Load_VariablesSet_SetTheHintOptions()
    {
        _context.Set("HINT_WINDOW", "90m").Set("HINT_MAX_BYTES", "1048576").Set("HINT_REPLAY_RATE", "50");

        var options = _context.Load();

        options.HintWindow.Should().Be(TimeSpan.FromMinutes(90));
        options.HintMaxBytes.Should().Be(1_048_576);
        options.HintReplayRate.Should().Be(50);
    }

    [Theory]
    [InlineData("HINT_WINDOW", "hints.window", "0s")]
    [InlineData("HINT_WINDOW", "hints.window", "3 hours")]
    [InlineData("HINT_MAX_BYTES", "hints.max_bytes", "0")]
    [InlineData("HINT_MAX_BYTES", "hints.max_bytes", "4294967296")]
    [InlineData("HINT_REPLAY_RATE", "hints.replay_rate", "0")]
    [InlineData("HINT_REPLAY_RATE", "hints.replay_rate", "100001")]
    public void Load_InvalidValue_NamesTheKeyAndTheVariable(string variable, string key, string value)
    {
        _context.Set(variable, value);

        var load = () => _context.Load();

        load.Should().Throw<CoordinatorConfigurationException>()
            .Where(e => e.Key == key && e.Message.Contains(variable) && e.Message.Contains($"'{value}'"));
    }
}
