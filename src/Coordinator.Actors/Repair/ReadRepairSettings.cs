using Akka.Actor;
using PairDb.Actors.Quorum;

namespace PairDb.Actors.Repair;

/// <summary>How reads repair stale replicas: the mode, the cap per read, and where async jobs go.</summary>
public sealed record ReadRepairSettings(ReadRepairMode Mode, int MaxRepairsPerRead, IActorRef Repairer, RepairCounters Counters);
