using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using PairDb.Protocol.Storage;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Storage.Tests.Support;

/// <summary>Builders for wire versions and an assertion on gRPC failures.</summary>
internal static class WireVersions
{
    public static Version Version(string value, long timestamp, params (string Node, long Counter)[] clock)
    {
        var version = new Version { Value = ByteString.CopyFromUtf8(value), TimestampMicros = timestamp, CoordinatorId = "coord" };
        foreach (var (node, counter) in clock)
        {
            version.Clock.Add(Entry(node, counter));
        }

        return version;
    }

    public static ClockEntry Entry(string node, long counter) => new() { NodeId = node, Counter = counter };

    public static async Task ShouldFailAsync(Func<Task> act, StatusCode code, string message)
    {
        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(code, error.Status.Detail);
        error.Status.Detail.Should().Contain(message);
    }
}
