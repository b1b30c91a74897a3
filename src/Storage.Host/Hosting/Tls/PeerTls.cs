using PairDb.Messages.Tls;

namespace PairDb.Storage.Hosting.Tls;

/// <summary>One side of a mutual TLS link: the certificate this process presents and the CA the peer's must chain to.</summary>
/// <param name="Certificate">This process's certificate and key files, re-read when they change.</param>
/// <param name="Authority">The CA the peer's certificate must chain to.</param>
public sealed record PeerTls(PemCertificateFile Certificate, CertificateAuthority Authority);
