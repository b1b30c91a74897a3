namespace PairDb.Coordinator.Edge;

/// <summary>The outcome of one key request: its value, or why it failed (<see cref="KeyFailure"/>), never an exception.</summary>
public readonly struct KeyOutcome<T>
    where T : class
{
    public KeyOutcome(T value) => Value = value;

    public KeyOutcome(KeyFailure failure) => Failure = failure;

    /// <summary>The value; null when the request failed.</summary>
    public T? Value { get; }

    /// <summary>Why the request failed; null when it succeeded.</summary>
    public KeyFailure? Failure { get; }

    /// <summary>The value; a failure is thrown as the status a single call answers.</summary>
    public T ValueOrThrow() => Failure is null ? Value! : throw Failure.ToRpcException();
}
