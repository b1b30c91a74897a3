using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Output;

/// <summary>
/// Source-generated JSON for every view. Property names are snake_case, like the proto fields; they are part of
/// the CLI's contract with scripts and are pinned by tests.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(NodeListView))]
[JsonSerializable(typeof(NodeChangeView))]
[JsonSerializable(typeof(TenantView))]
[JsonSerializable(typeof(TenantListView))]
[JsonSerializable(typeof(ReplicationChangeView))]
[JsonSerializable(typeof(RingView))]
[JsonSerializable(typeof(MigrationView))]
[JsonSerializable(typeof(MigrationListView))]
[JsonSerializable(typeof(ClusterStatusView))]
[JsonSerializable(typeof(KvMutationView))]
[JsonSerializable(typeof(KvReadView))]
[JsonSerializable(typeof(ClusterMemberListView))]
[JsonSerializable(typeof(ClusterMemberChangeView))]
[JsonSerializable(typeof(ClusterShardsView))]
[JsonSerializable(typeof(TokenView))]
[JsonSerializable(typeof(TokenListView))]
[JsonSerializable(typeof(CreatedTokenView))]
[JsonSerializable(typeof(AuditListView))]
[JsonSerializable(typeof(TenantLimitsChangeView))]
[JsonSerializable(typeof(RepairStatusView))]
public sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>The context the CLI prints with: values such as keys with '+' or non-ASCII text stay readable.</summary>
    public static CliJson Output { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
