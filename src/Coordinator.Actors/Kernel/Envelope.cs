namespace PairDb.Actors.Kernel;

/// <summary>One mailbox entry. System entries (timer ticks, piped results, idle checks) bypass the mailbox bound.</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender, bool IsSystem);
