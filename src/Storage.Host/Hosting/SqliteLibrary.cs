using SQLitePCL;

namespace PairDb.Storage.Hosting;

/// <summary>
/// Process-wide settings of the SQLite library, which SQLite accepts only before its first use in the process.
/// Every connection this code opens (the storage engine's and the coordinator's metadata stores) calls
/// <see cref="Configure"/> first.
/// </summary>
public static class SqliteLibrary
{
    private static readonly Lazy<bool> Configured = new(Apply, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Turns off SQLite's memory statistics. With them on (the library's default), every allocation SQLite makes takes
    /// one process-wide mutex to count it, so the engine's read connections and its writer serialize on it and wake
    /// each other under load. Nothing here reads those statistics. Idempotent and thread-safe; returns false when SQLite
    /// refused (it was already in use in this process, by code that did not call this first), which leaves its defaults.
    /// </summary>
    public static bool Configure() => Configured.Value;

    // A refusal never stops a database from opening: the setting changes speed, not behaviour.
    private static bool Apply()
    {
        Batteries_V2.Init();
        return raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0) == raw.SQLITE_OK;
    }
}
