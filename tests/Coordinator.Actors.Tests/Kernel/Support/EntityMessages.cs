using PairDb.Actors.Kernel;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Kernel.Support;

/// <summary>Replies with an <see cref="EntityReply"/>.</summary>
public sealed record Touch(string TenantId, string Key) : IWithTenantKey;

/// <summary>Starts a write that completes with the task; the entity is busy until then. Replies "writing".</summary>
public sealed record BeginWrite(string TenantId, string Key, Task<int> Write) : IWithTenantKey;

/// <summary>Makes the entity stop itself.</summary>
public sealed record StopEntity(string TenantId, string Key) : IWithTenantKey;

/// <summary>Which incarnation of which entity answered.</summary>
public sealed record EntityReply(int Instance, EntityKey Key);

/// <summary>Reported by an entity's PostStop, with the manual clock's time.</summary>
public sealed record EntityStopped(int Instance, DateTimeOffset At);
