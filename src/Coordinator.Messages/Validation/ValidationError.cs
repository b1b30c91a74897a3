namespace PairDb.Messages.Validation;

/// <summary>Why a request is invalid: the wire field at fault and a message fit for INVALID_ARGUMENT.</summary>
public sealed record ValidationError(string Field, string Message);
