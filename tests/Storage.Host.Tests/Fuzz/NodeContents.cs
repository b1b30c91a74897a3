using Google.Protobuf;
using Grpc.Core;
using PairDb.Protocol.Storage;

namespace PairDb.Storage.Tests.Fuzz;

/// <summary>
/// Everything a storage node holds, every tenant and key with all its versions, as scanned over the whole ring. A
/// node alone has no background writers, so a refused call must leave this exactly as it was.
/// </summary>
internal sealed class NodeContents
{
    private readonly List<ByteString> _records;

    private NodeContents(List<ByteString> records) => _records = records;

    // Generous: the node holds a few records, but the suite runs test projects side by side on two cores.
    private static readonly TimeSpan ScanBound = TimeSpan.FromSeconds(60);

    public static async Task<NodeContents> ScanAsync(StorageNodeService.StorageNodeServiceClient client)
    {
        var records = new List<ByteString>();
        using var scan = client.ScanRange(new ScanRangeRequest { Start = 0, End = 0 }, deadline: DateTime.UtcNow + ScanBound);
        await foreach (var batch in scan.ResponseStream.ReadAllAsync())
        {
            records.AddRange(batch.Records.Select(static r => r.ToByteString()));
        }

        return new NodeContents(records);
    }

    /// <summary>The first record that differs from <paramref name="before"/>; null when the contents are the same.</summary>
    public string? ChangedSince(NodeContents before)
    {
        for (var i = 0; i < Math.Max(_records.Count, before._records.Count); i++)
        {
            var was = i < before._records.Count ? before._records[i] : null;
            var now = i < _records.Count ? _records[i] : null;
            if (was is null || now is null || !was.Equals(now))
            {
                return $"record {i} changed from {Show(was)} to {Show(now)}";
            }
        }

        return null;
    }

    private static string Show(ByteString? record) => record is null ? "nothing" : KeyRecord.Parser.ParseFrom(record).ToString();
}
