namespace PairDb.Actors.Kernel;

/// <summary>Restart on crash with a fresh instance from Props, within a restart limit.</summary>
internal sealed partial class ActorCell
{
    private void Restart(Envelope envelope, Exception cause)
    {
        // Only the ask whose message crashed the actor fails; queued messages go to the new instance.
        if (envelope.Sender is IReplyPromise promise)
        {
            promise.Fail(new ActorCrashedException(Path, cause));
        }

        // Past the limit the loop stops the cell, which marks it stopped before the last PostStop runs.
        if (!AllowRestart())
        {
            _stopRequested = true;
            return;
        }

        StopInstance();
        if (!TryStartInstance())
        {
            _stopRequested = true;
        }
    }

    /// <summary>Creates and starts an instance; a factory or PreStart that throws counts as a crash.</summary>
    private bool TryStartInstance()
    {
        while (true)
        {
            try
            {
                var actor = _props.Factory();
                actor.Bind(this);
                _actor = actor;
                actor.PreStart();
                return true;
            }
            catch (Exception)
            {
                StopInstance();
                if (!AllowRestart())
                {
                    return false;
                }
            }
        }
    }

    private bool AllowRestart()
    {
        var now = System.TimeProvider.GetUtcNow();
        if (now - _restartWindowStart > _props.RestartWindow)
        {
            _restartWindowStart = now;
            _restartsInWindow = 0;
        }

        if (++_restartsInWindow > _props.MaxRestarts)
        {
            return false;
        }

        System.CountRestart();
        return true;
    }

    private void StopInstance()
    {
        _timers?.CancelAll();
        var actor = _actor;
        _actor = null;
        if (actor is null)
        {
            return;
        }

        try
        {
            actor.PostStop();
        }
        catch (Exception)
        {
            // A failing PostStop must not keep a dead instance half-alive or block the restart.
        }
    }
}
