using System.Net.Sockets;
using FluentAssertions;
using Grpc.Core;
using PairDb.Coordinator.Replicas;

namespace PairDb.Coordinator.Tests.Replicas;

public sealed class ReplicaCallErrorsTests
{
    [Fact]
    public void Describe_StatusFromTheNode_CanonicalNameAndDetail()
    {
        var error = new RpcException(new Status(StatusCode.InvalidArgument, "clock is empty"));

        ReplicaCallErrors.Describe(error).Should().Be("INVALID_ARGUMENT: clock is empty");
    }

    [Fact]
    public void Describe_TransportFailure_NamesTheCause()
    {
        // grpc-dotnet's shape of a refused connection: a generic detail, the cause as the debug exception.
        var error = new RpcException(new Status(StatusCode.Unavailable, "Error connecting to subchannel.", new SocketException((int)SocketError.ConnectionRefused)));

        ReplicaCallErrors.Describe(error).Should().StartWith("UNAVAILABLE: Error connecting to subchannel. (").And.EndWith(")").And.Contain("refused");
    }
}
