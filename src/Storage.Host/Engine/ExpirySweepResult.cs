namespace PairDb.Storage.Engine;

/// <summary>One chunk of the expiry sweep: keys it visited, expired versions it removed, keys left empty and deleted.</summary>
internal readonly record struct ExpirySweepResult(int KeysVisited, int VersionsRemoved, int KeysRemoved);
