namespace PairDb.Actors.Kernel;

/// <summary>
/// How to create an actor and run it (Akka's Props): the factory is called again for every restart,
/// so it must return a fresh instance each time.
/// </summary>
public sealed record Props(Func<Actor> Factory)
{
    private readonly int _mailboxCapacity = 1024;
    private readonly int _maxRestarts = 10;
    private readonly TimeSpan _restartWindow = TimeSpan.FromMinutes(1);

    /// <summary>Most user messages waiting in the mailbox; beyond it Tell and Ask are refused at once.</summary>
    public int MailboxCapacity
    {
        get => _mailboxCapacity;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _mailboxCapacity = value;
        }
    }

    /// <summary>Restarts allowed within <see cref="RestartWindow"/>; one more crash stops the actor.</summary>
    public int MaxRestarts
    {
        get => _maxRestarts;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxRestarts = value;
        }
    }

    /// <summary>Window over which restarts are counted; it starts again with the first crash after it ends.</summary>
    public TimeSpan RestartWindow
    {
        get => _restartWindow;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _restartWindow = value;
        }
    }

    /// <summary>Props with the default mailbox and restart limits.</summary>
    public static Props Create(Func<Actor> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory);
    }
}
