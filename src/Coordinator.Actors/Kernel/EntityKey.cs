namespace PairDb.Actors.Kernel;

/// <summary>Identity of a sharded entity: one per live (tenant, key).</summary>
public readonly record struct EntityKey(string TenantId, string Key)
{
    public override string ToString() => TenantId + ":" + Key;
}
