using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using PairDb.Storage.Observability;

namespace PairDb.Storage.Tests.Observability;

/// <summary>The JSON console setup both hosts use, read back from the options it leaves in the container.</summary>
public sealed class JsonLoggingTests
{
    [Fact]
    public void Configure_Information_JsonConsoleWithUtcMillisecondTimestampsOnOneLine()
    {
        using var services = Build(LogLevel.Information);

        var console = services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var json = services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;

        console.FormatterName.Should().Be(ConsoleFormatterNames.Json);
        json.UseUtcTimestamp.Should().BeTrue();
        json.TimestampFormat.Should().Be("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        json.IncludeScopes.Should().BeFalse();
        json.JsonWriterOptions.Indented.Should().BeFalse("each entry is one line");
        services.GetServices<ILoggerProvider>().Should().ContainSingle().Which.Should().BeOfType<ConsoleLoggerProvider>();
    }

    [Fact]
    public void Configure_Information_OwnCategoriesFromInformationAspNetCoreFromWarning()
    {
        using var services = Build(LogLevel.Information);
        var factory = services.GetRequiredService<ILoggerFactory>();

        factory.CreateLogger("PairDb.Requests").IsEnabled(LogLevel.Information).Should().BeTrue();
        factory.CreateLogger("PairDb.Requests").IsEnabled(LogLevel.Debug).Should().BeFalse();
        factory.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Information).Should().BeFalse();
        factory.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Warning).Should().BeTrue();
    }

    [Theory]
    [InlineData(LogLevel.Trace)]
    [InlineData(LogLevel.Information)]
    public void Configure_AnyLevel_RequestDiagnosticsOffSoHostingStartsNoActivityPerRequest(LogLevel level)
    {
        using var services = Build(level);
        var factory = services.GetRequiredService<ILoggerFactory>();

        // ASP.NET Core starts an Activity for every request while this category is enabled at any level.
        factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Critical).Should().BeFalse();
    }

    [Fact]
    public void Configure_Error_AspNetCoreHeldAtTheHigherLevelToo()
    {
        using var services = Build(LogLevel.Error);
        var factory = services.GetRequiredService<ILoggerFactory>();

        factory.CreateLogger("PairDb.Requests").IsEnabled(LogLevel.Warning).Should().BeFalse();
        factory.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Warning).Should().BeFalse();
        factory.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Error).Should().BeTrue();
    }

    private static ServiceProvider Build(LogLevel minimumLevel)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => JsonLogging.Configure(logging, minimumLevel));
        return services.BuildServiceProvider();
    }
}
