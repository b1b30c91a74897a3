using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Actors.Tests.Domain.Support;

namespace PairDb.Actors.Tests.Cores.AntiEntropy;

public sealed class RangeReconciliationTests
{
    private static readonly Messages.Values.VersionedValue Old = TestData.Version("old", 10, ("c", 1));
    private static readonly Messages.Values.VersionedValue New = TestData.Version("new", 20, ("c", 2));
    private static readonly Messages.Values.VersionedValue Other = TestData.Version("other", 15, ("d", 1));

    [Fact]
    public void Plan_MissingOlderAndSiblingCases_EachStaleReplicaGetsTheMerge()
    {
        var scans = new Dictionary<string, IReadOnlyList<RangeRecord>>
        {
            ["n1"] = [Record("same", New), Record("missing", New), Record("older", New), Record("siblings", New)],
            ["n2"] = [Record("same", New), Record("older", Old), Record("siblings", Other)],
            ["n3"] = [Record("same", New), Record("missing", New), Record("older", New), Record("siblings", New, Other)],
        };

        var repairs = RangeReconciliation.Plan(scans).ToDictionary(r => r.Key);

        repairs.Keys.Should().BeEquivalentTo(["missing", "older", "siblings"]);
        repairs["missing"].Targets.Should().Equal("n2");
        repairs["missing"].Versions.Should().Equal(New);
        repairs["older"].Targets.Should().Equal("n2");
        repairs["older"].Versions.Should().Equal(New);
        repairs["siblings"].Targets.Should().BeEquivalentTo(["n1", "n2"]);
        repairs["siblings"].Versions.Should().BeEquivalentTo([New, Other]);
    }

    [Fact]
    public void Plan_KeyOnlyOnOneReplica_SentToTheOthers()
    {
        var scans = new Dictionary<string, IReadOnlyList<RangeRecord>>
        {
            ["n1"] = [],
            ["n2"] = [Record("k", New)],
        };

        RangeReconciliation.Plan(scans).Should().ContainSingle().Which.Targets.Should().Equal("n1");
    }

    private static RangeRecord Record(string key, params Messages.Values.VersionedValue[] versions) => new(TestData.Tenant, key, versions);
}
