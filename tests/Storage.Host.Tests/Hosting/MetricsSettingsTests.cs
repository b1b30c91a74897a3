using FluentAssertions;
using Microsoft.Extensions.Logging;
using PairDb.Storage.Hosting;

namespace PairDb.Storage.Tests.Hosting;

public sealed class MetricsSettingsTests
{
    [Fact]
    public void Load_NoMetricsPort_StandaloneDefault9091()
    {
        var options = StorageNodeOptionsLoader.Load(static _ => null);

        options.MetricsPort.Should().Be(StorageNodeOptionsLoader.DefaultMetricsPort).And.Be(9091);
    }

    [Fact]
    public void Options_InCode_MetricsOffByDefault()
    {
        new StorageNodeOptions().MetricsPort.Should().BeNull("an embedding host exports its nodes' metrics itself");
    }

    [Theory]
    [InlineData("off", null)]
    [InlineData("0", 0)]
    [InlineData("9200", 9200)]
    public void Load_MetricsPortVariable_Applied(string value, int? expected)
    {
        var options = StorageNodeOptionsLoader.Load(name => name == "METRICS_PORT" ? value : null);

        options.MetricsPort.Should().Be(expected);
    }

    [Fact]
    public void Load_MetricsPortInYaml_Applied()
    {
        var options = StorageNodeOptionsLoader.ApplyYaml(new StorageNodeOptions(), "metricsPort: 9300\nlogLevel: debug\n", "test.yaml");

        options.MetricsPort.Should().Be(9300);
        options.LogLevel.Should().Be(LogLevel.Debug);
    }

    [Theory]
    [InlineData("SERVER_PORT")]
    [InlineData("HEALTH_PORT")]
    public void Load_MetricsPortSharedWithAnotherListener_Rejected(string other)
    {
        var act = () => StorageNodeOptionsLoader.Load(name => name == "METRICS_PORT" || name == other ? "9400" : null);

        act.Should().Throw<StorageConfigurationException>().WithMessage("*METRICS_PORT must differ*");
    }

    [Fact]
    public void Load_MetricsPortOutOfRange_Rejected()
    {
        var act = () => StorageNodeOptionsLoader.Load(name => name == "METRICS_PORT" ? "70000" : null);

        act.Should().Throw<StorageConfigurationException>().WithMessage("*METRICS_PORT*");
    }

    [Theory]
    [InlineData("Warning", LogLevel.Warning)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData(" None ", LogLevel.None)]
    public void Load_LogLevelVariable_Applied(string value, LogLevel expected)
    {
        var options = StorageNodeOptionsLoader.Load(name => name == "LOG_LEVEL" ? value : null);

        options.LogLevel.Should().Be(expected);
    }

    [Theory]
    [InlineData("verbose")]
    [InlineData("3")]
    [InlineData("")]
    public void Level_NotALevelName_Rejected(string value)
    {
        var act = () => SettingParsers.Level("LOG_LEVEL", value);

        act.Should().Throw<StorageConfigurationException>().WithMessage("*LOG_LEVEL must be one of*");
    }

    [Fact]
    public void Load_NoLogLevel_Information()
    {
        StorageNodeOptionsLoader.Load(static _ => null).LogLevel.Should().Be(LogLevel.Information);
    }
}
