namespace PairDb.Messages.Protocols;

/// <summary>A message a shard region can route: it names the (tenant, key) entity it is for.</summary>
public interface IWithTenantKey
{
    string TenantId { get; }

    string Key { get; }
}
