namespace PairDb.Coordinator.Tests.Deployment;

/// <summary>The part of a process's loaded options that deployment files must agree with.</summary>
internal sealed record LoadedSettings(
    int GrpcPort,
    int? HealthPort,
    int? MetricsPort,
    string BindAddress,
    string DataDirectory,
    string NodeId,
    TimeSpan ShutdownTimeout,
    int? RemotingPort = null);
