namespace PairDb.Coordinator.Configuration;

/// <summary>Settings of the coordinator's own memory (docs/configuration.md, Memory).</summary>
public sealed partial record CoordinatorOptions
{
    /// <summary>
    /// memory.idle_trim_after / MEMORY_IDLE_TRIM_AFTER: after a burst, once the process has allocated less than
    /// <see cref="MemoryIdleAllocationRate"/> for this long, one aggressive collection returns the garbage collector's
    /// free memory to the operating system. Zero (off) never trims.
    /// </summary>
    public TimeSpan MemoryIdleTrimAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>memory.idle_allocation_rate / MEMORY_IDLE_ALLOCATION_RATE: bytes a second below which the process counts as idle.</summary>
    public int MemoryIdleAllocationRate { get; init; } = 1024 * 1024;
}
