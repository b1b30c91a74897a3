namespace PairDb.Actors.Kernel;

/// <summary>A completed piped task waiting in the mailbox; mapped to the actor's message on the actor itself.</summary>
internal interface IPipedResult
{
    object Map();
}
