using System.Security.Cryptography.X509Certificates;

namespace PairDb.Integration.Tests.Tls;

/// <summary>A certificate issued by the test and the PEM files it was written to.</summary>
public sealed record IssuedFiles(X509Certificate2 Certificate, string CertificateFile, string KeyFile);
