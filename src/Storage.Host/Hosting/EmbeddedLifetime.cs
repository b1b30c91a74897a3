namespace PairDb.Storage.Hosting;

/// <summary>
/// The host lifetime of a node embedded in another process: it ignores SIGTERM/SIGINT (the default console lifetime
/// would stop the node on the same signal as its host, cutting off the host's calls still in flight), so the node
/// stops only when the embedding host disposes it, after its own drain.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
