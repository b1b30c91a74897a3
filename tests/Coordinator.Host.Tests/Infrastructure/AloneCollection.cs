namespace PairDb.Coordinator.Tests.Infrastructure;

/// <summary>
/// Test classes that must run with nothing else in this process (xunit runs them after the parallel ones), so that what
/// they measure of the process, such as its peak working set, is theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
