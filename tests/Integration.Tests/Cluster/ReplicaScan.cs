using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Protocol.Storage;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// What a storage node holds, read with its range scan (the call migrations stream with) over the whole ring: each key
/// of a tenant with every version it keeps, as comparable text (clock, writer, timestamp, tombstone flag, value).
/// </summary>
public static class ReplicaScan
{
    public static async Task<Dictionary<string, string>> HeldAsync(GrpcChannel storage, string tenant = "default")
    {
        using var scan = storage.StorageClient().ScanRange(
            new ScanRangeRequest { Start = 0, End = 0, BatchSize = 1000, TenantId = tenant }, GrpcClients.Within(TimeSpan.FromSeconds(30)));
        var held = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var batch in scan.ResponseStream.ReadAllAsync())
        {
            foreach (var record in batch.Records)
            {
                held[record.Key] = string.Join(" | ", record.Versions.Select(Describe).Order(StringComparer.Ordinal));
            }
        }

        return held;
    }

    private static string Describe(PairDb.Protocol.Storage.Version version) =>
        $"[{Kv.Text(version.Clock)}] {version.CoordinatorId}@{version.TimestampMicros}{(version.Tombstone ? " tombstone" : string.Empty)} {version.Value.ToStringUtf8()}";
}
