using FluentAssertions;
using PairDb.Coordinator.Configuration;

namespace PairDb.Coordinator.Tests.Configuration;

/// <summary>The coordinator id: generated once, persisted in the data folder, reused on restart.</summary>
public sealed class CoordinatorNodeIdTests : IDisposable
{
    private readonly ConfigurationTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Load_NoConfiguredId_GeneratesOneAndPersistsIt()
    {
        var options = _context.Load();

        options.NodeId.Should().MatchRegex("^coord-[0-9a-f]{8}$");
        File.ReadAllText(Path.Combine(_context.DataDirectory, "coordinator-id")).Trim().Should().Be(options.NodeId);
    }

    [Fact]
    public void Load_Restart_ReusesThePersistedId()
    {
        var first = _context.Load();

        var second = _context.Load();

        second.NodeId.Should().Be(first.NodeId);
    }

    [Fact]
    public void Load_ConfiguredId_WinsAndPersistsNothing()
    {
        _context.Set("COORDINATOR_NODE_ID", "coord-fixed");

        var options = _context.Load();

        options.NodeId.Should().Be("coord-fixed");
        File.Exists(Path.Combine(_context.DataDirectory, "coordinator-id")).Should().BeFalse();
    }

    [Fact]
    public void LoadOrCreate_FileHoldsAnInvalidId_FailsNamingTheFile()
    {
        Directory.CreateDirectory(_context.DataDirectory);
        var path = Path.Combine(_context.DataDirectory, "coordinator-id");
        File.WriteAllText(path, "two words\n");

        var act = () => CoordinatorNodeId.LoadOrCreate(_context.DataDirectory);

        act.Should().Throw<CoordinatorConfigurationException>().Which.Message.Should().Contain(path).And.Contain("'two words'");
    }

    [Fact]
    public void Generate_ManyTimes_GivesDistinctWellFormedIds()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => CoordinatorNodeId.Generate()).ToList();

        ids.Should().OnlyContain(id => System.Text.RegularExpressions.Regex.IsMatch(id, "^coord-[0-9a-f]{8}$"));
        ids.Distinct().Should().HaveCountGreaterThan(190);
    }
}
