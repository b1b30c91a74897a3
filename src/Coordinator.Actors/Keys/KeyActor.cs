using Akka.Actor;
using PairDb.Actors.Cores;
using PairDb.Actors.Quorum;
using PairDb.Actors.Support;
using PairDb.Messages.Protocols;
using Effect = PairDb.Actors.Cores.KeyWriterEffect<Akka.Actor.IActorRef>;

namespace PairDb.Actors.Keys;

/// <summary>
/// One live (tenant, key), an entity of the key shard region: the thin shell of its <see cref="KeyWriter{TReplyTo}"/>,
/// which serialises the key's writes and deletes in rounds. The shell feeds the writer each message and performs the
/// effects it returns: idempotency store calls, read and write aggregators (their outcomes piped back as messages),
/// and replies. Its behaviour is the writer's state: writes are accepted in every state, each piped outcome only in
/// the state that waits on it. <see cref="StopKey"/> (hand-off or idle passivation) stops it only once idle.
/// </summary>
public sealed partial class KeyActor : UntypedActor
{
    private static readonly TimeSpan AskSlack = TimeSpan.FromSeconds(1);
    private readonly KeyActorServices _services;
    private readonly int _queueCapacity;
    private KeyWriter<IActorRef>? _writer;
    private string _tenantId = string.Empty;
    private string _key = string.Empty;
    private bool _stopAsked;

    private KeyActor(KeyActorServices services, int queueCapacity)
    {
        _services = services;
        _queueCapacity = queueCapacity;
    }

    /// <summary>
    /// <paramref name="queueCapacity"/> bounds the writes waiting behind the round in flight; past it a write is refused
    /// at once (RESOURCE_EXHAUSTED at the edge). The mailbox drains into that queue, so it stays short.
    /// </summary>
    public static Props Props(KeyActorServices services, int queueCapacity) =>
        ActorProps.Of(() => new KeyActor(services, queueCapacity));

    protected override void PreStart() => _services.Counters.Started();

    /// <summary>Idle: nothing in flight, nothing queued.</summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case WriteKey command:
                Submit(command);
                break;
            case StopKey:
                _services.Counters.CountStopped();
                Context.Stop(Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    protected override void PostStop()
    {
        _services.Counters.Ended();
        foreach (var effect in _writer?.Stop() ?? [])
        {
            if (effect is Effect.Answer answer)
            {
                answer.ReplyTo.Tell(answer.Reply, ActorRefs.Nobody);
            }
        }
    }

    private void Submit(WriteKey command)
    {
        // Every message of an entity names the same (tenant, key): the region routes by them.
        _writer ??= CreateWriter(command);
        Perform(_writer.Submit(command, Sender, Now()));
    }

    private KeyWriter<IActorRef> CreateWriter(WriteKey first)
    {
        (_tenantId, _key) = (first.TenantId, first.Key);
        return new KeyWriter<IActorRef>(
            new KeyWriterSettings(_services.CoordinatorId, _services.MaxClockEntries, _services.MaxBatch, _queueCapacity),
            new RingPlacement(_services.Ring, _tenantId, _key));
    }

    /// <summary>A round is in flight and waits on <typeparamref name="TOutcome"/>; writes queue behind it.</summary>
    private Receive Waiting<TOutcome>(Func<KeyWriter<IActorRef>, TOutcome, DateTime, IReadOnlyList<Effect>> report) => message =>
    {
        switch (message)
        {
            case TOutcome outcome:
                Perform(report(_writer!, outcome, Now()));
                return true;
            case WriteKey command:
                Submit(command);
                return true;
            case StopKey:
                _stopAsked = true;
                return true;
            default:
                return false;
        }
    };

    private void Perform(IReadOnlyList<Effect> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case Effect.Answer answer:
                    if (answer.Reply is WriteFailed { Kind: FailureKind.Overloaded })
                    {
                        _services.Counters.CountQueueFull();
                    }

                    answer.ReplyTo.Tell(answer.Reply is WriteSucceeded succeeded ? succeeded with { Owner = _services.Owner } : answer.Reply, Self);
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

        BecomeWriterState();
    }

    /// <summary>The behaviour of the writer's state; an idle actor asked to stop stops now.</summary>
    private void BecomeWriterState()
    {
        switch (_writer!.State)
        {
            case KeyWriterState.Idle when _stopAsked:
                _services.Counters.CountStopped();
                Context.Stop(Self);
                break;
            case KeyWriterState.Idle:
                Become(OnReceive);
                break;
            case KeyWriterState.Claiming:
                Become(Waiting<ClaimsDone>(static (writer, done, now) => writer.OnClaimed(done.Outcomes, now)));
                break;
            case KeyWriterState.ReadingCurrent:
                Become(Waiting<CurrentRead>(static (writer, read, now) => writer.OnCurrentRead(read.Reply, now)));
                break;
            case KeyWriterState.Replicating:
                Become(Waiting<Replicated>(static (writer, replicated, now) => writer.OnReplicated(replicated.Reply, now)));
                break;
            case KeyWriterState.Finishing:
                Become(Waiting<RoundFinished>(static (writer, _, now) => writer.OnSettled(now)));
                break;
            default:
                throw new InvalidOperationException($"The key writer is {_writer.State}.");
        }
    }

    private void ReadCurrent(Effect.ReadCurrent read)
    {
        var reader = Context.ActorOf(
            ReadAggregatorActor.Props(new ReadAggregation(_tenantId, _key, read.Replicas, read.Required, read.DeadlineUtc), _services.Replicas, _services.Repair, _services.ReadFanout));
        Context.PipeToSelf(
            reader.Ask<ReadReply>(new StartAggregation(), AggregatorAskTimeout(read.DeadlineUtc)),
            static reply => new CurrentRead(reply),
            static error => new CurrentRead(new ReadFailed(FailureKind.Internal, error.Message)));
    }

    private void Replicate(Effect.Replicate write)
    {
        // Taken now, not when the round began: a migration that started meanwhile must already get this write.
        var extras = _services.Ring.Current.ExtraReplicas(_tenantId, _key, write.ReplicationFactor, write.Replicas);
        var writer = Context.ActorOf(
            WriteAggregatorActor.Props(
                new WriteAggregation(_tenantId, _key, write.Replicas, write.Required, write.Version, write.DeadlineUtc, extras, write.IfDominates),
                _services.Replicas,
                _services.PendingWrites));
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
    private static TimeSpan AggregatorAskTimeout(DateTime deadlineUtc)
    {
        var remaining = deadlineUtc - Now();
        return (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) + AskSlack;
    }

    private static DateTime Now() => Context.UtcNow();
}
