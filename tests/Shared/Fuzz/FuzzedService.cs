using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace PairDb.Tests.Shared;

/// <summary>A gRPC service as its descriptor describes it: its methods, their call types, and its request parsers.</summary>
internal sealed class FuzzedService
{
    private readonly ServiceDescriptor _descriptor;

    public FuzzedService(ServiceDescriptor descriptor) => _descriptor = descriptor;

    public IReadOnlyList<(string Service, string Method)> Methods => [.. _descriptor.Methods.Select(m => (_descriptor.FullName, m.Name))];

    public MethodType TypeOf(FuzzCase fuzzCase) =>
        _descriptor.FindMethodByName(fuzzCase.Method).IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;

    /// <summary>The request as the server's parser reads it (the same generated parser); null when it does not parse.</summary>
    public IMessage? Parse(FuzzCase fuzzCase) => TryParse(_descriptor.FindMethodByName(fuzzCase.Method).InputType, fuzzCase.Bytes);

    /// <summary>True when <paramref name="response"/> parses as the response type of the case's method.</summary>
    public bool IsResponse(FuzzCase fuzzCase, byte[] response) => TryParse(_descriptor.FindMethodByName(fuzzCase.Method).OutputType, response) is not null;

    private static IMessage? TryParse(MessageDescriptor type, byte[] bytes)
    {
        try
        {
            return type.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
