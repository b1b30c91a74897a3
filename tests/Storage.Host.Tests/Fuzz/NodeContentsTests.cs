using FluentAssertions;
using Google.Protobuf;
using PairDb.Protocol.Storage;
using PairDb.Storage.Tests.Support;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Storage.Tests.Fuzz;

/// <summary>The fuzz test's oracle for "a refused call changed nothing" sees a change when there is one.</summary>
public sealed class NodeContentsTests : WireNodeTest
{
    [Fact]
    public async Task ChangedSince_NothingWritten_Null()
    {
        await WriteAsync("k", 1);
        var before = await NodeContents.ScanAsync(Client);

        var after = await NodeContents.ScanAsync(Client);

        after.ChangedSince(before).Should().BeNull();
    }

    [Fact]
    public async Task ChangedSince_VersionReplaced_NamesTheRecord()
    {
        await WriteAsync("k", 1);
        var before = await NodeContents.ScanAsync(Client);

        await WriteAsync("k", 2);
        var after = await NodeContents.ScanAsync(Client);

        after.ChangedSince(before).Should().Contain("record 0 changed").And.Contain("\"counter\": \"2\"");
    }

    [Fact]
    public async Task ChangedSince_KeyAdded_Reported()
    {
        var before = await NodeContents.ScanAsync(Client);

        await WriteAsync("new", 1);
        var after = await NodeContents.ScanAsync(Client);

        after.ChangedSince(before).Should().Contain("from nothing");
    }

    private Task<WriteResponse> WriteAsync(string key, long counter) => Client.WriteAsync(new WriteRequest
    {
        TenantId = "t",
        Key = key,
        Version = new Version { Value = ByteString.CopyFromUtf8("v"), Clock = { new ClockEntry { NodeId = "a", Counter = counter } }, TimestampMicros = counter },
    }).ResponseAsync;
}
