namespace PairDb.Coordinator.Stores;

/// <summary>A range's replica ids as the metadata stores keep them: one text column, ids joined by commas (node ids hold no comma).</summary>
internal static class RepairReplicas
{
    public static string Format(IReadOnlyList<string> replicas) => string.Join(',', replicas);

    public static IReadOnlyList<string> Parse(string column) =>
        column.Length == 0 ? [] : column.Split(',');
}
