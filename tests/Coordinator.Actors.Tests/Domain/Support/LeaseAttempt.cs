namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>One lease take or renewal asked of the fake metadata store: by whom, at what clock reading, and the answer.</summary>
public sealed record LeaseAttempt(string MigrationId, string Owner, DateTimeOffset Now, bool Granted);
