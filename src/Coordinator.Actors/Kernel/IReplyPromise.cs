namespace PairDb.Actors.Kernel;

/// <summary>An Ask's reply channel seen without its reply type, so the kernel can fail it on crash or stop.</summary>
internal interface IReplyPromise
{
    void Fail(Exception error);
}
