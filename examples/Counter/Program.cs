// Several tasks increment one counter at once with conditional writes (read, add one, write only if the key is still
// as read; on a lost race read again), so no increment is lost and none is counted twice: the final value equals the
// number of increments that succeeded. Usage: Counter [coordinator host:port] [tasks] [increments per task]
// (the address also from PAIRDB_COORDINATOR; defaults 127.0.0.1:50051, 8 tasks, 5 increments each)
using System.Globalization;
using System.Text;
using PairDb.Client;

var address = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("PAIRDB_COORDINATOR") ?? "127.0.0.1:50051";
var tasks = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
var increments = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var options = new PairDbClientOptions { Addresses = { address } };
using var client = new PairDbClient(options);
var key = "counter-" + Guid.NewGuid().ToString("N");
var succeeded = 0;
var gaveUp = 0;

await Task.WhenAll(Enumerable.Range(0, tasks).Select(async _ =>
{
    for (var i = 0; i < increments; i++)
    {
        try
        {
            await client.UpdateAsync(key, static current => Encode(Decode(current) + 1), maxAttempts: 100);
            Interlocked.Increment(ref succeeded);
        }
        catch (PairDbConditionFailedException)
        {
            // Lost the race 100 times in a row: this increment was not applied.
            Interlocked.Increment(ref gaveUp);
        }
    }
}));

var final = Decode((await client.ReadAsync(key))?.Value);
Console.WriteLine($"counter {key}: final {final}, {succeeded} increments succeeded, {gaveUp} gave up");
if (final != succeeded || succeeded == 0)
{
    Console.Error.WriteLine("the final value must equal the number of successful increments");
    return 1;
}

Console.WriteLine("ok");
return 0;

static long Decode(byte[]? value) => value is null ? 0 : long.Parse(Encoding.UTF8.GetString(value), CultureInfo.InvariantCulture);

static byte[] Encode(long value) => Encoding.UTF8.GetBytes(value.ToString(CultureInfo.InvariantCulture));
