namespace PairDb.Coordinator.Configuration;

/// <summary>A configured secret (the admin credential): <see cref="ToString"/> never shows it, so printing the options or logging them cannot leak it.</summary>
public sealed record SecretText(string Value)
{
    public static SecretText Empty { get; } = new(string.Empty);

    public bool IsEmpty => Value.Length == 0;

    public override string ToString() => IsEmpty ? "(not set)" : "(secret)";
}
