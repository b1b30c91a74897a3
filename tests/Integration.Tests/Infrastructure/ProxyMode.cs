namespace PairDb.Integration.Tests.Infrastructure;

/// <summary>What a <see cref="TcpFaultProxy"/> does with the connections its faults apply to.</summary>
public enum ProxyMode
{
    /// <summary>Bytes flow both ways; new connections are accepted and connected to the target.</summary>
    Forward,

    /// <summary>Existing connections are reset and new ones are reset as soon as they are accepted.</summary>
    Drop,

    /// <summary>
    /// Connections stay open and new ones are accepted, but nothing is forwarded in either direction: what is sent is
    /// read and discarded, as a network that loses every packet would.
    /// </summary>
    Blackhole,
}
