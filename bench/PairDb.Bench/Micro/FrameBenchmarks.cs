using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using PairDb.Protocol.Storage;
using PairDb.Rpc;
using PairDb.Rpc.Framing;

namespace PairDb.Bench.Micro;

/// <summary>
/// The one frame writer and reader of PairDb.Rpc on a storage Write request: a small value (typical key-value
/// write) and a 64 KiB one. Encode and header-only decode should allocate nothing; a full decode allocates the
/// parsed message only.
/// </summary>
[MemoryDiagnoser]
public class FrameBenchmarks
{
    private const int MaxMessageSize = GrpcProtocol.DefaultMaxMessageSize;
    private readonly ArrayBufferWriter<byte> _output = new(128 * 1024);
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
    private WriteRequest _request = new();
    private byte[] _frame = [];
    private ReadOnlySequence<byte> _frameSequence;

    [Params(100, 65536)]
    public int ValueSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var version = new PairDb.Protocol.Storage.Version
        {
            Value = ByteString.CopyFrom(new byte[ValueSize]),
            TimestampMicros = 1_763_000_000_000_000,
            CoordinatorId = "coordinator-1",
        };
        version.Clock.Add(new ClockEntry { NodeId = "coordinator-1", Counter = 42 });
        version.Clock.Add(new ClockEntry { NodeId = "coordinator-2", Counter = 7 });
        _request = new WriteRequest { TenantId = "tenant-a", Key = "user:12345:profile", Version = version };
        _frame = new byte[FrameWriter.FramedSize(_request, MaxMessageSize)];
        FrameWriter.WriteFrame(_frame, _request);
        _frameSequence = new ReadOnlySequence<byte>(_frame);
    }

    /// <summary>Frame a message into a reused buffer writer (what the server does per response).</summary>
    [Benchmark]
    public int Encode()
    {
        _output.ResetWrittenCount();
        FrameWriter.WriteFrame(_output, _request, MaxMessageSize);
        return _output.WrittenCount;
    }

    /// <summary>Find one complete frame in a buffer: header checks and slicing only.</summary>
    [Benchmark]
    public long DecodeFrameHeader()
    {
        var buffer = _frameSequence;
        return FrameReader.TryReadFrame(ref buffer, MaxMessageSize, out var payload) ? payload.Length : -1;
    }

    /// <summary>Find the frame and parse its message.</summary>
    [Benchmark]
    public WriteRequest DecodeMessage()
    {
        var buffer = _frameSequence;
        FrameReader.TryReadFrame(ref buffer, MaxMessageSize, out var payload);
        return WriteRequest.Parser.ParseFrom(payload);
    }

    /// <summary>The full read path of both server and client: a frame arrives in a PipeReader and is read as a message.</summary>
    [Benchmark]
    public async ValueTask<WriteRequest?> ReadMessageFromPipe()
    {
        await _pipe.Writer.WriteAsync(_frame);
        return await FrameReader.ReadMessageAsync(_pipe.Reader, WriteRequest.Parser, MaxMessageSize, CancellationToken.None);
    }
}
