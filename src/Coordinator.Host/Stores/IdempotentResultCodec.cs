using Google.Protobuf;
using PairDb.Actors.Ports;
using PairDb.Messages.Values;
using PairDb.Protocol.Coordinator;
using ProtoVectorClock = PairDb.Protocol.Coordinator.VectorClock;
using VectorClock = PairDb.Messages.Values.VectorClock;

namespace PairDb.Coordinator.Stores;

/// <summary>
/// Stored form of an <see cref="IdempotentWriteResult"/>: the WriteKeyValueResponse fields it replays (vector_clock,
/// replica_count, consistency) in protobuf, so the format is versioned by the wire contract and shared by every store.
/// </summary>
public static class IdempotentResultCodec
{
    public static byte[] Encode(IdempotentWriteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var clock = new ProtoVectorClock();
        var entries = result.Clock.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            clock.Entries.Add(new VectorClockEntry { CoordinatorNodeId = entries[i].NodeId, LogicalTimestamp = entries[i].Counter });
        }

        var message = new WriteKeyValueResponse
        {
            VectorClock = clock,
            ReplicaCount = result.ReplicaCount,
            Consistency = ConsistencyLevels.Name(result.Consistency),
        };
        return message.ToByteArray();
    }

    /// <summary>Decodes a stored record; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static IdempotentWriteResult Decode(ReadOnlySpan<byte> data)
    {
        WriteKeyValueResponse message;
        try
        {
            message = WriteKeyValueResponse.Parser.ParseFrom(data);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException("A stored idempotency result is not a valid record.", ex);
        }

        if (!ConsistencyLevels.TryParse(message.Consistency, out var consistency))
        {
            throw new InvalidDataException($"A stored idempotency result has an unknown consistency '{message.Consistency}'.");
        }

        var protoEntries = message.VectorClock?.Entries;
        var entries = new ClockEntry[protoEntries?.Count ?? 0];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new ClockEntry(protoEntries![i].CoordinatorNodeId, protoEntries[i].LogicalTimestamp);
        }

        return new IdempotentWriteResult(VectorClock.From(entries), message.ReplicaCount, consistency);
    }
}
