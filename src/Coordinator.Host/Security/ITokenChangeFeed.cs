namespace PairDb.Coordinator.Security;

/// <summary>Ids of tenant tokens created or revoked, so token caches drop them at once instead of when their TTL ends.</summary>
public interface ITokenChangeFeed
{
    /// <summary>Calls <paramref name="onTokenChanged"/> with the id of each changed token until the result is disposed.</summary>
    IDisposable Subscribe(Action<string> onTokenChanged);
}
