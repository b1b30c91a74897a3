using System.Text;
using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Stores;

/// <summary>
/// Stored form of a <see cref="RecordedStamp"/>, shared by every idempotency store: a format byte (1), the write's
/// clock, the sent version's clock (each an entry count, then per entry a length-prefixed UTF-8 node id and a 64-bit
/// counter), the version's timestamp and its writer's id.
/// </summary>
public static class RecordedStampCodec
{
    private const byte Format = 1;

    public static byte[] Encode(RecordedStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            WriteClock(writer, stamp.WriteClock);
            WriteClock(writer, stamp.VersionClock);
            writer.Write(stamp.TimestampMicros);
            writer.Write(stamp.CoordinatorId);
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes a stored stamp; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static RecordedStamp Decode(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(data, writable: false), Encoding.UTF8);
            if (reader.ReadByte() != Format)
            {
                throw new InvalidDataException("A stored idempotency stamp has an unknown format.");
            }

            var writeClock = ReadClock(reader);
            var versionClock = ReadClock(reader);
            var stamp = new RecordedStamp(writeClock, versionClock, reader.ReadInt64(), reader.ReadString());
            return reader.BaseStream.Position == data.Length
                ? stamp
                : throw new InvalidDataException("A stored idempotency stamp has trailing bytes.");
        }
        catch (Exception ex) when (ex is EndOfStreamException or ArgumentException or FormatException)
        {
            throw new InvalidDataException("A stored idempotency stamp is not a valid record.", ex);
        }
    }

    private static void WriteClock(BinaryWriter writer, VectorClock clock)
    {
        writer.Write(clock.Entries.Count);
        foreach (var entry in clock.Entries)
        {
            writer.Write(entry.NodeId);
            writer.Write(entry.Counter);
        }
    }

    private static VectorClock ReadClock(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count < 0 || count > reader.BaseStream.Length)
        {
            throw new InvalidDataException("A stored idempotency stamp has a bad clock size.");
        }

        var entries = new ClockEntry[count];
        for (var i = 0; i < count; i++)
        {
            entries[i] = new ClockEntry(reader.ReadString(), reader.ReadInt64());
        }

        return VectorClock.From(entries);
    }
}
