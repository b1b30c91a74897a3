using System.Security.Cryptography;

namespace PairDb.Coordinator.Configuration;

/// <summary>
/// The coordinator's generated id, kept in DATA_DIR/coordinator-id: a restarted coordinator must stamp clocks with
/// the same id, or every restart would add an entry to every clock it touches.
/// </summary>
public static class CoordinatorNodeId
{
    public const string FileName = "coordinator-id";

    /// <summary>Reads the persisted id, or generates "coord-" + 8 hex characters and persists it.</summary>
    public static string LoadOrCreate(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            if (File.Exists(path))
            {
                var stored = File.ReadAllText(path).Trim();
                return SettingValueParsers.IsValidNodeId(stored)
                    ? stored
                    : throw new CoordinatorConfigurationException(
                        "coordinator.node_id", stored, $"{path} holds '{stored}', which is not a coordinator id: it {SettingValueParsers.NodeIdRequirement}. Fix or delete the file.");
            }

            Directory.CreateDirectory(dataDirectory);
            var id = Generate();

            // Written aside and moved into place, so a crash never leaves a half-written id behind.
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, id + "\n");
            File.Move(temporary, path, overwrite: false);
            return id;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CoordinatorConfigurationException(
                "data_dir", dataDirectory, $"Cannot read or persist the coordinator id in {path} (data_dir / DATA_DIR): {ex.Message}", ex);
        }
    }

    /// <summary>A fresh id: "coord-" and 8 random lower-case hex characters.</summary>
    public static string Generate() => "coord-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
