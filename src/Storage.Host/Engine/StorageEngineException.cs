namespace PairDb.Storage.Engine;

/// <summary>The engine could not carry out an operation (SQLite error, corrupt row, engine closing).</summary>
public sealed class StorageEngineException : Exception
{
    public StorageEngineException()
    {
    }

    public StorageEngineException(string message)
        : base(message)
    {
    }

    public StorageEngineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
