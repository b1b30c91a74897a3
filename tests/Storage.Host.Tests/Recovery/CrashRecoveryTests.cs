using System.Collections.Concurrent;
using FluentAssertions;
using Google.Protobuf;
using Grpc.Net.Client;
using PairDb.Protocol.Storage;
using PairDb.Storage.Tests.Support;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Storage.Tests.Recovery;

public sealed class CrashRecoveryTests : IDisposable
{
    private const int Writers = 8;
    private const int KeysPerWriter = 25;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("fsync")]
    [InlineData("os")]
    public async Task Sigkill_MidStream_EveryAcknowledgedWriteSurvivesRestart(string durability)
    {
        // Each writer owns its keys and writes them in turn with its own increasing counter, recording the last
        // acknowledged counter per key. At most one write per writer is in flight when the process dies.
        var acknowledged = new ConcurrentDictionary<string, long>();
        var killed = 0;
        long acknowledgedWrites = 0;
        using (var process = await StorageProcess.StartAsync(_directory.Path, durability))
        using (var channel = GrpcChannel.ForAddress(process.Address))
        {
            var client = TestNodes.Client(channel, CallTimeout);
            // The first call pays for connection set-up and JIT; start the clock only once the node answers.
            await client.WriteAsync(new WriteRequest { TenantId = "crash", Key = "warm-up", Version = Version(0, "warm-up", 1) });
            var writers = new Task[Writers];
            for (var w = 0; w < Writers; w++)
            {
                var writer = w;
                writers[w] = Task.Run(async () =>
                {
                    var counters = new long[KeysPerWriter];
                    for (var i = 0; ; i++)
                    {
                        var slot = i % KeysPerWriter;
                        var key = $"w{writer}-k{slot}";
                        var counter = counters[slot] + 1;
                        try
                        {
                            await client.WriteAsync(new WriteRequest { TenantId = "crash", Key = key, Version = Version(writer, key, counter) });
                        }
                        catch (Exception) when (Volatile.Read(ref killed) == 1)
                        {
                            return;
                        }

                        counters[slot] = counter;
                        acknowledged[key] = counter;
                        Interlocked.Increment(ref acknowledgedWrites);
                    }
                });
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            Volatile.Write(ref killed, 1);
            process.Kill();
            await Task.WhenAll(writers);
        }

        using var restarted = await StorageProcess.StartAsync(_directory.Path, durability);
        using var reader = GrpcChannel.ForAddress(restarted.Address);
        var readerClient = TestNodes.Client(reader, CallTimeout);

        acknowledgedWrites.Should().BeGreaterThan(Writers * KeysPerWriter, "the test must kill a busy node");
        foreach (var (key, counter) in acknowledged)
        {
            var read = await readerClient.ReadAsync(new ReadRequest { TenantId = "crash", Key = key });
            read.Found.Should().BeTrue($"{key} was acknowledged at counter {counter}");
            var stored = read.Versions.Should().ContainSingle().Subject;
            var entry = stored.Clock.Should().ContainSingle().Subject;

            // The write in flight at the kill may or may not have committed: acknowledged or one later.
            entry.NodeId.Should().Be("writer-" + key[1..key.IndexOf('-', StringComparison.Ordinal)]);
            entry.Counter.Should().BeOneOf(counter, counter + 1);
            stored.Value.ToStringUtf8().Should().Be($"{key}@{entry.Counter}");
        }
    }

    private static Version Version(int writer, string key, long counter) => new()
    {
        Value = ByteString.CopyFromUtf8($"{key}@{counter}"),
        TimestampMicros = counter,
        CoordinatorId = "writer-" + writer,
        Clock = { new ClockEntry { NodeId = "writer-" + writer, Counter = counter } },
    };
}
