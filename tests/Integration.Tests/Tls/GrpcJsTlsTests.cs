using System.Text.Json.Nodes;
using FluentAssertions;
using PairDb.Integration.Tests.Cluster;

namespace PairDb.Integration.Tests.Tls;

/// <summary>
/// An independent gRPC and TLS stack (grpc-js on Node's OpenSSL) against the coordinator that requires client
/// certificates: with the test CA and a client certificate it writes and reads; without a certificate it is refused.
/// </summary>
[Collection(CoordinatorTlsCollection.Name)]
public sealed class GrpcJsTlsTests(TlsCoordinator coordinator)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task GrpcJs_WithClientCertificate_WritesAndReads_WithoutIsRefused()
    {
        // Arrange
        var script = Path.Combine(RepoPaths.Root, "tests", "Integration.Tests", "Interop", "tls-client.js");
        var proto = Path.Combine(RepoPaths.Root, "protos", "coordinator.proto");

        // Act
        var run = await NodeToolchain.RunScriptAsync(
            script, [coordinator.Address, proto, coordinator.Files.CaFile, coordinator.Client.CertificateFile, coordinator.Client.KeyFile], ScriptTimeout);

        // Assert
        var output = run.Describe() + "\n" + coordinator.Output;
        run.ExitCode.Should().Be(0, output);
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().NotBeEmpty(output);
        var result = JsonNode.Parse(lines[^1])!;
        ((int)result["write"]!["code"]!).Should().Be(0, output);
        ((int)result["read"]!["code"]!).Should().Be(0, output);
        ((string)result["read"]!["reply"]!["value"]!).Should().Be("hello over tls");
        ((int)result["readWithoutCertificate"]!["code"]!).Should().Be(14, "UNAVAILABLE: the handshake is refused\n" + output);
    }
}
