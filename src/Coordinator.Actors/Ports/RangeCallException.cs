namespace PairDb.Actors.Ports;

/// <summary>A range call (scan, count, purge) to a storage node failed; the message names the node and the status.</summary>
public sealed class RangeCallException : Exception
{
    public RangeCallException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public RangeCallException()
    {
    }

    public RangeCallException(string message)
        : base(message)
    {
    }
}
