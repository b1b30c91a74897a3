namespace PairDb.Storage.Hosting.RequestCheck;

/// <summary>
/// A field of a request message that holds strings, directly (<paramref name="Nested"/> null: a string field) or within
/// a nested message (a message or map field whose type has string fields somewhere).
/// </summary>
/// <param name="Name">The field's name on the wire contract, for the refusal message.</param>
/// <param name="Nested">The nested message's plan, or null for a string field.</param>
internal sealed record Utf8Field(string Name, Utf8MessagePlan? Nested);
