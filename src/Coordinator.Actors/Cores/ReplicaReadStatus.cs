namespace PairDb.Actors.Cores;

/// <summary>What one replica answered to a read.</summary>
public enum ReplicaReadStatus
{
    /// <summary>The replica returned its versions of the key.</summary>
    Found,

    /// <summary>The replica holds no version of the key.</summary>
    NotFound,

    /// <summary>The replica did not answer usefully (error or deadline); its state is unknown.</summary>
    Failed,
}
