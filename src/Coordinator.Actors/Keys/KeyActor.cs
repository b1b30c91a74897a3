using PairDb.Actors.Cores;
using PairDb.Actors.Kernel;
using PairDb.Actors.Quorum;
using PairDb.Messages.Protocols;
using Effect = PairDb.Actors.Cores.KeyWriterEffect<PairDb.Actors.Kernel.IActorRef>;

namespace PairDb.Actors.Keys;

/// <summary>
/// One live (tenant, key): the thin shell of its <see cref="KeyWriter{TReplyTo}"/>, which serialises the key's writes
/// and deletes in rounds. The shell feeds the writer each message and performs the effects it returns: idempotency
/// store calls, read and write aggregators (their outcomes piped back as messages), and replies. Which message it
/// accepts depends only on the writer's state.
/// </summary>
public sealed partial class KeyActor : Actor
{
    private static readonly TimeSpan AskSlack = TimeSpan.FromSeconds(1);
    private readonly string _tenantId;
    private readonly string _key;
    private readonly KeyActorServices _services;
    private readonly KeyWriter<IActorRef> _writer;

    private KeyActor(string tenantId, string key, KeyActorServices services, int queueCapacity)
    {
        _tenantId = tenantId;
        _key = key;
        _services = services;
        _writer = new KeyWriter<IActorRef>(
            new KeyWriterSettings(services.CoordinatorId, services.MaxClockEntries, services.MaxBatch, queueCapacity),
            new RingPlacement(services.Ring, tenantId, key));
    }

    /// <summary>
    /// <paramref name="mailboxCapacity"/> bounds both the mailbox and the writes waiting behind the round in flight.
    /// </summary>
    public static Props Props(string tenantId, string key, KeyActorServices services, int mailboxCapacity) =>
        Kernel.Props.Create(() => new KeyActor(tenantId, key, services, mailboxCapacity)) with { MailboxCapacity = mailboxCapacity };

    /// <summary>Never while a round is in flight or writes wait: passivation must not drop a write.</summary>
    protected internal override bool CanPassivate => _writer.State == KeyWriterState.Idle;

    protected internal override ValueTask ReceiveAsync(object message)
    {
        switch (message)
        {
            case WriteKey command:
                Perform(_writer.Submit(command, Context.Sender, Now()));
                break;
            case ClaimsDone claims when _writer.State == KeyWriterState.Claiming:
                Perform(_writer.OnClaimed(claims.Outcomes, Now()));
                break;
            case CurrentRead read when _writer.State == KeyWriterState.ReadingCurrent:
                Perform(_writer.OnCurrentRead(read.Reply, Now()));
                break;
            case Replicated replicated when _writer.State == KeyWriterState.Replicating:
                Perform(_writer.OnReplicated(replicated.Reply, Now()));
                break;
            case RoundFinished when _writer.State == KeyWriterState.Finishing:
                Perform(_writer.OnSettled(Now()));
                break;
        }

        return ValueTask.CompletedTask;
    }

    protected internal override void PostStop()
    {
        foreach (var effect in _writer.Stop())
        {
            if (effect is Effect.Answer answer)
            {
                answer.ReplyTo.Tell(answer.Reply, Nobody.Instance);
            }
        }
    }

    private void Perform(IReadOnlyList<Effect> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case Effect.Answer answer:
                    answer.ReplyTo.Tell(answer.Reply, Context.Self);
                    break;
                case Effect.Claim claim:
                    Context.PipeToSelf(ClaimAllAsync(claim.Requests), static outcomes => new ClaimsDone(outcomes), static _ => new ClaimsDone([]));
                    break;
                case Effect.ReadCurrent read:
                    ReadCurrent(read);
                    break;
                case Effect.Replicate replicate:
                    Replicate(replicate);
                    break;
                case Effect.Settle settle:
                    Settle(settle.Settlements);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown key writer effect {effect.GetType().Name}.");
            }
        }
    }

    private void ReadCurrent(Effect.ReadCurrent read)
    {
        var reader = Context.System.ActorOf(
            ReadAggregatorActor.Props(new ReadAggregation(_tenantId, _key, read.Replicas, read.Required, read.DeadlineUtc), _services.Replicas, _services.Repair),
            "read");
        Context.PipeToSelf(
            reader.Ask<ReadReply>(new StartAggregation(), AggregatorAskTimeout(read.DeadlineUtc)),
            static reply => new CurrentRead(reply),
            static error => new CurrentRead(new ReadFailed(FailureKind.Internal, error.Message)));
    }

    private void Replicate(Effect.Replicate write)
    {
        // Taken now, not when the round began: a migration that started meanwhile must already get this write.
        var extras = _services.Ring.Current.ExtraReplicas(_tenantId, _key, write.ReplicationFactor, write.Replicas);
        var writer = Context.System.ActorOf(
            WriteAggregatorActor.Props(
                new WriteAggregation(_tenantId, _key, write.Replicas, write.Required, write.Version, write.DeadlineUtc, extras, write.IfDominates),
                _services.Replicas,
                _services.PendingWrites),
            "write");
        Context.PipeToSelf(
            writer.Ask<WriteQuorumReply>(new StartAggregation(), AggregatorAskTimeout(write.DeadlineUtc)),
            static reply => new Replicated(reply),
            static error => new Replicated(new WriteQuorumFailed(FailureKind.Internal, error.Message)));
    }

    /// <summary>
    /// The round's remaining time plus slack, never less than the slack: a slow idempotency store can let the
    /// deadline pass before the read starts, and Ask refuses a timeout that is not positive (which crashed this actor
    /// and left its claims held). The aggregator itself answers DeadlineExceeded at once when the deadline passed.
    /// </summary>
    private TimeSpan AggregatorAskTimeout(DateTime deadlineUtc)
    {
        var remaining = deadlineUtc - Now();
        return (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) + AskSlack;
    }

    private DateTime Now() => Context.System.TimeProvider.GetUtcNow().UtcDateTime;
}
