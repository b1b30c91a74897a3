using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using PairDb.Messages.Values;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;

namespace PairDb.Storage.Tests.Engine;

public sealed class StorageEnginePropertyTests : IAsyncLifetime
{
    private static readonly string[] Nodes = ["a", "b", "c"];

    private readonly TempDirectory _directory = new();
    private StorageEngine _engine = null!;
    private int _case;

    public Task InitializeAsync()
    {
        _engine = TestEngines.Open(_directory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _directory.Dispose();
    }

    // Small counters over three nodes make dominated, identical and concurrent clocks all common; few timestamps and
    // values make identical-clock last-write-wins ties and exact duplicates common too.
    private static Gen<VersionedValue> VersionGen =>
        from counters in Gen.ArrayOf(Gen.Choose(0, 3), Nodes.Length)
        from timestamp in Gen.Choose(1, 4)
        from coordinator in Gen.Elements("c1", "c2")
        from tombstone in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
        from value in Gen.Elements("x", "y", "zz")
        select new VersionedValue(
            System.Text.Encoding.UTF8.GetBytes(value),
            VectorClock.From(Entries(counters)),
            timestamp,
            coordinator,
            tombstone);

    private static Arbitrary<VersionedValue[]> HistoryArb => Gen.ArrayOf(VersionGen).Select(a => a).ToArbitrary();

    [Fact]
    public void WriteAsync_AnySequence_StoresMergeAllOfSameVersions()
    {
        PropertyRunner.Check(101, Prop.ForAll(HistoryArb, history =>
        {
            var key = "k" + Interlocked.Increment(ref _case);
            IReadOnlyList<VersionedValue> model = [];
            foreach (var version in history)
            {
                var expected = SiblingSet.Merge(model, version);
                var outcome = _engine.WriteAsync("t", key, version).AsTask().GetAwaiter().GetResult();

                outcome.Applied.Should().Be(expected.Applied);
                outcome.SiblingCount.Should().Be(expected.Versions.Count);
                model = expected.Versions;
            }

            var stored = _engine.ReadAsync("t", key).AsTask().GetAwaiter().GetResult();
            stored.Should().Equal(SiblingSet.MergeAll(history));
        }));
    }

    [Fact]
    public void WriteAsync_ConcurrentWritersOfOneKey_StoreMergeAllOfAllVersions()
    {
        PropertyRunner.Check(102, Prop.ForAll(HistoryArb, history =>
        {
            var key = "c" + Interlocked.Increment(ref _case);

            // Every write is queued at once, so they share group-commit batches in arbitrary interleavings.
            var writes = new Task<WriteOutcome>[history.Length];
            for (var i = 0; i < history.Length; i++)
            {
                writes[i] = _engine.WriteAsync("t", key, history[i]).AsTask();
            }

            Task.WaitAll(writes);
            var stored = _engine.ReadAsync("t", key).AsTask().GetAwaiter().GetResult();
            stored.Should().Equal(SiblingSet.MergeAll(history));
        }), maxTest: 100);
    }

    [Fact]
    public void RepairAsync_AnySplit_StoresMergeAllOfSameVersions()
    {
        var arb = (from first in Gen.ArrayOf(VersionGen)
                   from second in Gen.NonEmptyListOf(VersionGen)
                   select (first, second.ToArray())).ToArbitrary();
        PropertyRunner.Check(103, Prop.ForAll(arb, pair =>
        {
            var key = "r" + Interlocked.Increment(ref _case);
            foreach (var version in pair.first)
            {
                _engine.WriteAsync("t", key, version).AsTask().GetAwaiter().GetResult();
            }

            _engine.RepairAsync("t", key, pair.Item2).AsTask().GetAwaiter().GetResult();

            var stored = _engine.ReadAsync("t", key).AsTask().GetAwaiter().GetResult();
            stored.Should().Equal(SiblingSet.MergeAll([.. pair.first, .. pair.Item2]));
        }), maxTest: 100);
    }

    private static List<ClockEntry> Entries(int[] counters)
    {
        var entries = new List<ClockEntry>();
        for (var i = 0; i < counters.Length; i++)
        {
            entries.Add(new ClockEntry(Nodes[i], counters[i]));
        }

        return entries;
    }
}
