using System.Text;
using PairDb.Messages.Values;

namespace PairDb.Storage.Tests.Support;

/// <summary>Short-hand builders for clocks and versions.</summary>
internal static class TestVersions
{
    public static VectorClock Clock(params (string Node, long Counter)[] entries)
    {
        var list = new List<ClockEntry>();
        foreach (var (node, counter) in entries)
        {
            list.Add(new ClockEntry(node, counter));
        }

        return VectorClock.From(list);
    }

    public static VersionedValue Live(string value, long timestamp, params (string Node, long Counter)[] clock) =>
        new(Encoding.UTF8.GetBytes(value), Clock(clock), timestamp, "coord-1", tombstone: false);

    public static VersionedValue Tombstone(long timestamp, params (string Node, long Counter)[] clock) =>
        new(ReadOnlyMemory<byte>.Empty, Clock(clock), timestamp, "coord-1", tombstone: true);

    public static string Text(VersionedValue version) => Encoding.UTF8.GetString(version.Value.Span);
}
