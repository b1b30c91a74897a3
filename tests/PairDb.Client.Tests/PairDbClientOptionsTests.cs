using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PairDb.Client.Tests;

public sealed class PairDbClientOptionsTests
{
    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void AddPairDbClient_FromConfiguration_BindsEverySettingAndResolvesOneClient()
    {
        // Arrange
        var configuration = Configuration(new()
        {
            ["PairDb:Addresses:0"] = "127.0.0.1:50051",
            ["PairDb:Addresses:1"] = "http://127.0.0.1:50052",
            ["PairDb:DefaultTenant"] = "shop",
            ["PairDb:DefaultConsistency"] = "All",
            ["PairDb:CallTimeout"] = "00:00:03",
            ["PairDb:ConnectTimeout"] = "00:00:01",
            ["PairDb:Retry:MaxAttempts"] = "9",
            ["PairDb:Retry:InitialBackoff"] = "00:00:00.010",
            ["PairDb:Retry:MaxBackoff"] = "00:00:00.500",
            ["PairDb:Retry:HonourRetryAfter"] = "false",
        });
        var services = new ServiceCollection().AddPairDbClient(configuration.GetSection("PairDb"));

        // Act
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<PairDbClientOptions>>().Value;
        var client = provider.GetRequiredService<PairDbClient>();

        // Assert
        options.Addresses.Should().Equal("127.0.0.1:50051", "http://127.0.0.1:50052");
        options.DefaultTenant.Should().Be("shop");
        options.DefaultConsistency.Should().Be(PairDbConsistency.All);
        options.CallTimeout.Should().Be(TimeSpan.FromSeconds(3));
        options.ConnectTimeout.Should().Be(TimeSpan.FromSeconds(1));
        options.Retry.MaxAttempts.Should().Be(9);
        options.Retry.InitialBackoff.Should().Be(TimeSpan.FromMilliseconds(10));
        options.Retry.MaxBackoff.Should().Be(TimeSpan.FromMilliseconds(500));
        options.Retry.HonourRetryAfter.Should().BeFalse();
        provider.GetRequiredService<PairDbClient>().Should().BeSameAs(client);
    }

    [Fact]
    public void AddPairDbClient_WithDelegate_ResolvesAClient()
    {
        // Arrange
        var services = new ServiceCollection().AddPairDbClient(static o => o.Addresses.Add("127.0.0.1:50051"));

        // Act
        using var provider = services.BuildServiceProvider();

        // Assert
        provider.GetRequiredService<PairDbClient>().Should().NotBeNull();
    }

    [Fact]
    public void Validate_HttpAddressWithTlsCaFile_RejectedNamingTheAddress()
    {
        // Arrange
        var options = new PairDbClientOptions { Addresses = { "http://127.0.0.1:50051" }, TlsCaFile = "ca.pem" };

        // Act
        var act = options.Validate;

        // Assert
        act.Should().Throw<ArgumentException>().WithMessage("*'http://127.0.0.1:50051' is http:// but TLS files are set*");
    }

    [Fact]
    public void Validate_CertificateWithoutKey_Rejected()
    {
        // Arrange
        var options = new PairDbClientOptions { Addresses = { "127.0.0.1:50051" }, TlsCertificateFile = "client.pem" };

        // Act
        var act = options.Validate;

        // Assert
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(PairDbClientOptions.TlsCertificateFile));
    }

    [Fact]
    public void Constructor_MissingCaFile_ArgumentExceptionNamingTheSetting()
    {
        // Arrange
        var options = new PairDbClientOptions { Addresses = { "127.0.0.1:50051" }, TlsCaFile = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pem") };

        // Act
        var act = () => new PairDbClient(options);

        // Assert
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(PairDbClientOptions.TlsCaFile));
    }

    [Fact]
    public void Constructor_NoAddress_ArgumentExceptionNamingAddresses()
    {
        // Act
        var act = () => new PairDbClient(new PairDbClientOptions());

        // Assert
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Addresses");
    }

    [Theory]
    [InlineData("CallTimeout")]
    [InlineData("ConnectTimeout")]
    [InlineData("DefaultTenant")]
    [InlineData("Retry.MaxAttempts")]
    [InlineData("Retry.InitialBackoff")]
    [InlineData("Retry.MaxBackoff")]
    public void Validate_SettingOutOfRange_ArgumentExceptionNamingIt(string setting)
    {
        // Arrange
        var options = new PairDbClientOptions { Addresses = { "127.0.0.1:50051" } };
        switch (setting)
        {
            case "CallTimeout": options.CallTimeout = TimeSpan.Zero; break;
            case "ConnectTimeout": options.ConnectTimeout = TimeSpan.FromSeconds(-1); break;
            case "DefaultTenant": options.DefaultTenant = " "; break;
            case "Retry.MaxAttempts": options.Retry.MaxAttempts = 0; break;
            case "Retry.InitialBackoff": options.Retry.InitialBackoff = TimeSpan.Zero; break;
            default: options.Retry.MaxBackoff = TimeSpan.FromMilliseconds(1); break;
        }

        // Act
        var act = options.Validate;

        // Assert
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(setting);
    }
}
