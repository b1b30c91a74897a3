using FluentAssertions;
using PairDb.Messages.Tls;
using PairDb.Tests.Shared;

namespace PairDb.Messages.Tests.Tls;

/// <summary>Chain checks against the configured CA alone, with the usage a link needs.</summary>
public sealed class CertificateAuthorityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pairdb-ca-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Check_CertificateIssuedByTheCaForThatUse_Trusted()
    {
        // Arrange
        var ca = TestCertificates.CreateAuthority("test-ca");
        var authority = Load(ca);

        // Act
        var reason = authority.Check(TestCertificates.Issue(ca, "client", server: false, client: true), CertificatePurpose.Client);

        // Assert
        reason.Should().BeNull();
    }

    [Fact]
    public void Check_CertificateFromAnotherCa_RefusedWithTheReason()
    {
        // Arrange
        var authority = Load(TestCertificates.CreateAuthority("test-ca"));
        var stranger = TestCertificates.Issue(TestCertificates.CreateAuthority("other-ca"), "stranger", server: true, client: true);

        // Act
        var reason = authority.Check(stranger, CertificatePurpose.Any);

        // Assert
        reason.Should().Contain("CN=stranger").And.Contain("is not trusted by the CA file");
    }

    [Fact]
    public void Check_ClientOnlyCertificateAsServer_Refused()
    {
        // Arrange
        var ca = TestCertificates.CreateAuthority("test-ca");
        var authority = Load(ca);

        // Act
        var reason = authority.Check(TestCertificates.Issue(ca, "client", server: false, client: true), CertificatePurpose.Server);

        // Assert
        reason.Should().NotBeNull();
    }

    [Fact]
    public void Load_FileWithoutCertificate_InvalidDataNamingTheFile()
    {
        // Arrange
        var file = Path.Combine(_directory, "empty.pem");
        File.WriteAllText(file, "no certificate here\n");

        // Act
        var load = () => CertificateAuthority.Load(file);

        // Assert
        load.Should().Throw<InvalidDataException>().WithMessage("*empty.pem*");
    }

    private CertificateAuthority Load(System.Security.Cryptography.X509Certificates.X509Certificate2 ca)
    {
        var file = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".pem");
        TestCertificates.WritePem(ca, file);
        return CertificateAuthority.Load(file);
    }
}
