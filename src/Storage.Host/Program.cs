using PairDb.Storage.Hosting;

// Configuration: CONFIG_PATH (YAML) and environment variables; see docs/storage.md.
StorageNodeOptions options;
try
{
    options = StorageNodeOptionsLoader.FromEnvironment();
}
catch (StorageConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"storage node: invalid configuration: {ex.Message}");
    return 2;
}

RunningStorageNode node;
try
{
    node = await StorageNodeServer.StartAsync(options);
}
catch (StorageConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"storage node: invalid configuration: {ex.Message}");
    return 2;
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PairDb.Storage.Engine.StorageEngineException or Microsoft.Data.Sqlite.SqliteException)
{
    await Console.Error.WriteLineAsync($"storage node {options.NodeId}: cannot start: {ex.Message}");
    return 1;
}

await using (node)
{
    await node.WaitForShutdownAsync();
}

return 0;
