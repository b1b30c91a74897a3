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
/// effects it returns: idempotency store calls (their outcomes piped back as messages), read and write aggregators
/// (child actors that answer it directly, watched so that one stopping without an answer fails the round instead of
/// leaving it waiting), and replies. Its behaviour is the writer's state: writes are accepted in every state, each
/// outcome only in the state that waits on it. <see cref="StopKey"/> (hand-off or idle passivation) stops it only
/// once idle. It starts its writer from the key's entry in the node's <see cref="LastStampCache"/>, if any, and puts
/// the writer's last stamp there when it stops.
/// </summary>
public sealed partial class KeyActor : UntypedActor
{
    private readonly KeyActorServices _services;
    private readonly int _queueCapacity;
    private KeyWriter<IActorRef>? _writer;
    private string _tenantId = string.Empty;
    private string _key = string.Empty;
    private bool _stopAsked;

    /// <summary>The aggregator the round waits on; null when it answered (its later Terminated is then ignored).</summary>
    private IActorRef? _aggregator;

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
        ActorProps.Brief(() => new KeyActor(services, queueCapacity));

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
            case Terminated:
                // An aggregator that answered and then finished its stragglers.
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    protected override void PostStop()
    {
        _services.Counters.Ended();
        if (_writer?.LastStamp is { } last)
        {
            _services.LastStamps?.Put(_tenantId, _key, last);
        }

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
        var last = _services.LastStamps?.Take(_tenantId, _key);
        _services.Counters.CountWriterStarted(fromLastStamp: last is not null);
        return new KeyWriter<IActorRef>(
            new KeyWriterSettings(_services.CoordinatorId, _services.MaxClockEntries, _services.MaxBatch, _queueCapacity, _services.ClaimMargin),
            new RingPlacement(_services.Ring, _tenantId, _key),
            last);
    }

    /// <summary>
    /// A round is in flight and waits on <typeparamref name="TOutcome"/>; writes queue behind it. When it waits on an
    /// aggregator, <paramref name="lost"/> is the outcome should that aggregator stop without answering.
    /// </summary>
    private Receive Waiting<TOutcome>(Func<KeyWriter<IActorRef>, TOutcome, DateTime, IReadOnlyList<Effect>> report, TOutcome? lost = null)
        where TOutcome : class => message =>
    {
        switch (message)
        {
            case TOutcome outcome:
                _aggregator = null;
                Perform(report(_writer!, outcome, Now()));
                return true;
            case WriteKey command:
                Submit(command);
                return true;
            case StopKey:
                _stopAsked = true;
                return true;
            case Terminated terminated:
                // An aggregator always answers before it stops, and its answer is ahead of its Terminated in this
                // mailbox; only one that failed to start (or was stopped from outside) reaches this with no answer.
                if (lost is not null && terminated.ActorRef.Equals(_aggregator))
                {
                    _aggregator = null;
                    Perform(report(_writer!, lost, Now()));
                }

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
                case Effect.RecordStamps record:
                    Context.PipeToSelf(RecordAllAsync(record.Records), static outcomes => new StampsRecorded(outcomes), static _ => new StampsRecorded([]));
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
                Become(Waiting<ReadReply>(static (writer, reply, now) => writer.OnCurrentRead(reply, now), ReadLost));
                break;
            case KeyWriterState.Recording:
                Become(Waiting<StampsRecorded>(static (writer, done, _) => writer.OnStampsRecorded(done.Outcomes)));
                break;
            case KeyWriterState.Replicating:
                Become(Waiting<WriteQuorumReply>(static (writer, reply, now) => writer.OnReplicated(reply, now), WriteLost));
                break;
            case KeyWriterState.Finishing:
                Become(Waiting<RoundFinished>(static (writer, _, now) => writer.OnSettled(now)));
                break;
            default:
                throw new InvalidOperationException($"The key writer is {_writer.State}.");
        }
    }

    private void ReadCurrent(Effect.ReadCurrent read) =>
        Start(ReadAggregatorActor.Props(
            new ReadAggregation(_tenantId, _key, read.Replicas, read.Required, read.DeadlineUtc, read.Rebuilding), _services.Replicas, _services.Repair, _services.ReadFanout));

    private void Replicate(Effect.Replicate write)
    {
        // Taken now, not when the round began: a migration that started meanwhile must already get this write.
        var extras = _services.Ring.Current.ExtraReplicas(_tenantId, _key, write.ReplicationFactor, write.Replicas);
        Start(WriteAggregatorActor.Props(
            new WriteAggregation(_tenantId, _key, write.Replicas, write.Required, write.Version, write.DeadlineUtc, extras, write.IfDominates),
            _services.Replicas,
            _services.PendingWrites,
            _services.Hints));
    }

    /// <summary>
    /// Starts a child aggregator that answers this actor. No ask timeout is needed: an aggregator answers by its own
    /// deadline timer (at once when the deadline already passed), and the watch covers one that never started.
    /// </summary>
    private void Start(Props aggregator)
    {
        _aggregator = Context.ActorOf(aggregator);
        Context.Watch(_aggregator);
        _aggregator.Tell(new StartAggregation(), Self);
    }

    private static readonly ReadReply ReadLost = new ReadFailed(FailureKind.Internal, "The read of the key's current versions stopped without an answer.");

    private static readonly WriteQuorumReply WriteLost = new WriteQuorumFailed(FailureKind.Internal, "The replicated write stopped without an answer.");

    private static DateTime Now() => Context.UtcNow();
}
