using FluentAssertions;
using PairDb.Storage.Hosting;

namespace PairDb.Storage.Tests.Hosting;

/// <summary>
/// WRITE_BATCH_SIZE / writeBatchSize: the most writes per group commit. Unset, it follows DURABILITY (32 for os,
/// 256 for fsync); set, it wins; it must be positive.
/// </summary>
public sealed class WriteBatchSizeSettingsTests
{
    [Theory]
    [InlineData(null, 256)]
    [InlineData("fsync", 256)]
    [InlineData("os", 32)]
    public void Load_NoWriteBatchSize_TheDurabilityModesDefault(string? durability, int expected)
    {
        var options = StorageNodeOptionsLoader.Load(name => name == "DURABILITY" ? durability : null);

        options.WriteBatchSize.Should().BeNull();
        options.ToEngineOptions().BatchSizeLimit.Should().Be(expected);
    }

    [Theory]
    [InlineData("os")]
    [InlineData("fsync")]
    public void Load_WriteBatchSizeVariable_WinsOverTheDurabilityDefault(string durability)
    {
        var environment = new Dictionary<string, string> { ["DURABILITY"] = durability, ["WRITE_BATCH_SIZE"] = "8" };

        var options = StorageNodeOptionsLoader.Load(name => environment.GetValueOrDefault(name));

        options.ToEngineOptions().BatchSizeLimit.Should().Be(8);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void Load_NonPositiveWriteBatchSize_RejectedNamingTheVariable(string value)
    {
        var act = () => StorageNodeOptionsLoader.Load(name => name == "WRITE_BATCH_SIZE" ? value : null);

        act.Should().Throw<StorageConfigurationException>().WithMessage($"WRITE_BATCH_SIZE must be positive (was {value}).");
    }
}
