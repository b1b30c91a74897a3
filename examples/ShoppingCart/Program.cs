// Two devices add to the same cart at once, each from the version it read: the coordinator keeps both additions as
// siblings. The program merges them as a set union and writes the result with the read's clock as context, which
// supersedes both siblings. Usage: ShoppingCart [coordinator host:port]   (or PAIRDB_COORDINATOR; default 127.0.0.1:50051)
using PairDb.Client;
using PairDb.Examples.ShoppingCart;

var address = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("PAIRDB_COORDINATOR") ?? "127.0.0.1:50051";
var options = new PairDbClientOptions { Addresses = { address } };
using var client = new PairDbClient(options);
var key = "cart-" + Guid.NewGuid().ToString("N");

await client.WriteAsync(key, Cart.Encode(["milk"]));
var seen = await client.ReadAsync(key) ?? throw new InvalidOperationException($"{key} was just written but reads as absent.");
Console.WriteLine($"cart {key}: {string.Join(", ", Cart.Decode(seen.Value))} (clock {seen.Clock})");

// Both devices start from the same version and write with its clock as context: neither supersedes the other.
await Task.WhenAll(
    client.WriteAsync(key, Cart.Encode([.. Cart.Decode(seen.Value), "bread"]), new PairDbWriteOptions { Context = seen.Clock }),
    client.WriteAsync(key, Cart.Encode([.. Cart.Decode(seen.Value), "eggs"]), new PairDbWriteOptions { Context = seen.Clock }));
var conflicted = await client.ReadAsync(key) ?? throw new InvalidOperationException($"{key} reads as absent.");
Console.WriteLine($"siblings: {conflicted.Siblings.Count}");
foreach (var sibling in conflicted.Siblings)
{
    Console.WriteLine($"  {string.Join(", ", Cart.Decode(sibling.Value))} (clock {sibling.Clock})");
}

await client.ReadMergeWriteAsync(key, Cart.Union);
var merged = await client.ReadAsync(key) ?? throw new InvalidOperationException($"{key} reads as absent.");
var items = Cart.Decode(merged.Value);
Console.WriteLine($"merged: {string.Join(", ", items)} (siblings {merged.Siblings.Count}, clock {merged.Clock})");

var expected = new[] { "bread", "eggs", "milk" };
if (conflicted.Siblings.Count != 2 || merged.HasSiblings || !items.SequenceEqual(expected))
{
    Console.Error.WriteLine($"expected two siblings before the merge and one cart of {string.Join(", ", expected)} after it");
    return 1;
}

Console.WriteLine("ok");
return 0;
