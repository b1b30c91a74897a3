namespace PairDb.Cli.Output.Views;

/// <summary>One node's part of the ring: shares as fractions (0..1) and as percentages.</summary>
public sealed record RingNodeView(
    string NodeId,
    string Status,
    int VirtualNodes,
    double PrimaryShare,
    double ReplicaShare,
    double PrimaryPercent,
    double ReplicaPercent);
