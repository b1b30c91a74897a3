using System.Diagnostics;
using System.Text;
using FluentAssertions;
using Grpc.Core;
using PairDb.Client;

namespace PairDb.Integration.Tests.Client;

/// <summary>PairDbClient's calls against the real one-command coordinator.</summary>
[Collection(OneCommandCoordinatorCollection.Name)]
public sealed class ClientCallsTests(OneCommandCoordinator coordinator) : IDisposable
{
    private readonly PairDbClient _client = coordinator.NewClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task WriteReadDelete_OneKey_ValueAndClockThenAbsent()
    {
        // Arrange
        var key = NewKey("round-trip");

        // Act
        var written = await _client.WriteAsync(key, Bytes("v1"));
        var read = await _client.ReadAsync(key);
        var deleted = await _client.DeleteAsync(key);
        var afterDelete = await _client.ReadAsync(key);

        // Assert
        written.IsDuplicate.Should().BeFalse();
        written.IdempotencyKey.Should().NotBeEmpty("the client generates one when the caller gives none");
        written.ReplicaCount.Should().BeGreaterThanOrEqualTo(2);
        read.Should().NotBeNull(coordinator.Output);
        Text(read!.Value).Should().Be("v1");
        read.Clock.Should().Be(written.Clock);
        read.HasSiblings.Should().BeFalse();
        read.ExpiresAt.Should().BeNull();
        deleted.Clock.Should().NotBe(written.Clock);
        afterDelete.Should().BeNull("a deleted key reads as absent");
    }

    [Fact]
    public async Task WriteAsync_SameIdempotencyKeyTwice_SecondIsDuplicateWithTheFirstClock()
    {
        // Arrange
        var key = NewKey("idempotent");
        var options = new PairDbWriteOptions { IdempotencyKey = Guid.NewGuid().ToString("N") };

        // Act
        var first = await _client.WriteAsync(key, Bytes("once"), options);
        var second = await _client.WriteAsync(key, Bytes("once"), options);

        // Assert
        second.IsDuplicate.Should().BeTrue();
        second.Clock.Should().Be(first.Clock);
        (await _client.ReadAsync(key))!.Clock.Should().Be(first.Clock, "the write was applied once");
    }

    [Fact]
    public async Task ReadAsync_MissingKey_Null()
    {
        // Act
        var read = await _client.ReadAsync(NewKey("missing"));

        // Assert
        read.Should().BeNull();
    }

    [Fact]
    public async Task WriteAsync_EmptyKey_InvalidArgumentNotRetried()
    {
        // Act
        var act = () => _client.WriteAsync("", Bytes("v"));

        // Assert
        (await act.Should().ThrowAsync<PairDbException>()).Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task WriteAsync_IfAbsentOnAnExistingKey_ConditionFailedWithTheCurrentClock()
    {
        // Arrange
        var key = NewKey("if-absent");
        var existing = await _client.WriteAsync(key, Bytes("first"));

        // Act
        var act = () => _client.WriteAsync(key, Bytes("second"), new PairDbWriteOptions { IfAbsent = true });

        // Assert
        var failed = (await act.Should().ThrowAsync<PairDbConditionFailedException>()).Which;
        failed.Exists.Should().BeTrue();
        failed.CurrentClock.Should().Be(existing.Clock);
        Text((await _client.ReadAsync(key))!.Value).Should().Be("first");
    }

    [Fact]
    public async Task WriteAsync_IfClock_AppliedWhenCurrentAndRefusedWhenStale()
    {
        // Arrange
        var key = NewKey("if-clock");
        var first = await _client.WriteAsync(key, Bytes("1"));

        // Act
        var second = await _client.WriteAsync(key, Bytes("2"), new PairDbWriteOptions { IfClock = first.Clock });
        var stale = () => _client.WriteAsync(key, Bytes("3"), new PairDbWriteOptions { IfClock = first.Clock });

        // Assert
        (await stale.Should().ThrowAsync<PairDbConditionFailedException>()).Which.CurrentClock.Should().Be(second.Clock);
        Text((await _client.ReadAsync(key))!.Value).Should().Be("2");
    }

    [Fact]
    public async Task DeleteAsync_StaleIfClock_ConditionFailedAndTheKeyStays()
    {
        // Arrange
        var key = NewKey("delete-if-clock");
        var first = await _client.WriteAsync(key, Bytes("1"));
        await _client.WriteAsync(key, Bytes("2"));

        // Act
        var act = () => _client.DeleteAsync(key, new PairDbDeleteOptions { IfClock = first.Clock });

        // Assert
        await act.Should().ThrowAsync<PairDbConditionFailedException>();
        Text((await _client.ReadAsync(key))!.Value).Should().Be("2");
    }

    [Fact]
    public async Task WriteAsync_WithTimeToLive_ReadReportsTheExpiryAndTheKeyExpires()
    {
        // Arrange
        var key = NewKey("ttl");
        var before = DateTimeOffset.UtcNow;

        // Act
        await _client.WriteAsync(key, Bytes("short-lived"), new PairDbWriteOptions { TimeToLive = TimeSpan.FromSeconds(2) });
        var read = await _client.ReadAsync(key);

        // Assert
        read.Should().NotBeNull();
        read!.ExpiresAt.Should().NotBeNull("a write with a time to live reports when it expires");
        read.ExpiresAt!.Value.Should().BeOnOrAfter(before.AddSeconds(2).AddMilliseconds(-1)).And.BeOnOrBefore(DateTimeOffset.UtcNow.AddSeconds(2).AddMilliseconds(1));
        var waited = Stopwatch.StartNew();
        while (await _client.ReadAsync(key) is not null)
        {
            waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the key must read as absent once its time to live has passed");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task BatchWriteAndRead_MixedItems_OneOutcomePerItemInOrder()
    {
        // Arrange
        var existing = NewKey("batch-existing");
        var fresh = NewKey("batch-fresh");
        var gone = NewKey("batch-gone");
        var missing = NewKey("batch-missing");
        await _client.WriteAsync(existing, Bytes("old"));
        await _client.WriteAsync(gone, Bytes("to delete"));

        // Act
        var written = await _client.BatchWriteAsync(
        [
            new PairDbBatchWrite { Key = fresh, Value = Bytes("new") },
            new PairDbBatchWrite { Key = existing, Value = Bytes("refused"), IfAbsent = true },
            new PairDbBatchWrite { Key = gone, Delete = true },
        ]);
        var read = await _client.BatchReadAsync([fresh, existing, gone, missing]);

        // Assert
        written.Select(static r => r.Key).Should().Equal(fresh, existing, gone);
        written[0].Result.Should().NotBeNull();
        written[0].Error.Should().BeNull();
        written[1].Error.Should().BeOfType<PairDbConditionFailedException>().Which.Exists.Should().BeTrue();
        written[2].Result.Should().NotBeNull();
        read.Select(static r => r.Key).Should().Equal(fresh, existing, gone, missing);
        Text(read[0].Result!.Value).Should().Be("new");
        Text(read[1].Result!.Value).Should().Be("old");
        read[2].Should().Be(new PairDbBatchReadResult(gone, null, null));
        read[3].Should().Be(new PairDbBatchReadResult(missing, null, null));
    }

    [Fact]
    public async Task Tenants_CreateGetAndList_TheNewTenantEverywhere()
    {
        // Arrange
        var tenant = "client-" + Guid.NewGuid().ToString("N")[..12];

        // Act
        var created = await _client.CreateTenantAsync(tenant, replicationFactor: 2);
        var found = await _client.GetTenantAsync(tenant);
        var all = await _client.ListTenantsAsync();
        await _client.WriteAsync("k", Bytes("in the new tenant"), new PairDbWriteOptions { Tenant = tenant });
        var inTenant = await _client.ReadAsync("k", new PairDbCallOptions { Tenant = tenant });
        var absent = await _client.GetTenantAsync("no-such-" + tenant);

        // Assert
        created.ReplicationFactor.Should().Be(2);
        found.Should().NotBeNull();
        found!.ReplicationFactor.Should().Be(2);
        all.Select(static t => t.TenantId).Should().Contain([tenant, "default"]);
        Text(inTenant!.Value).Should().Be("in the new tenant");
        absent.Should().BeNull();
    }

    [Fact]
    public async Task WriteAsync_DeadlineAlreadyPassedWhenSent_DeadlineExceededAndNothingWritten()
    {
        // Arrange: a deadline of one tick has passed by the time the call is sent (a deadline shorter than a real
        // round trip races it: the coordinator answers a warm connection in under a millisecond).
        using var client = coordinator.NewClient(static o => o.CallTimeout = TimeSpan.FromMinutes(2));
        var key = NewKey("deadline");

        // Act
        var act = () => client.WriteAsync(key, Bytes("v"), new PairDbWriteOptions { Timeout = TimeSpan.FromTicks(1) });

        // Assert
        (await act.Should().ThrowAsync<PairDbException>()).Which.StatusCode.Should().Be(StatusCode.DeadlineExceeded);
        (await client.ReadAsync(key)).Should().BeNull();
    }

    [Fact]
    public async Task WriteAsync_CancelledToken_OperationCanceledAndNothingWritten()
    {
        // Arrange
        var key = NewKey("cancelled");
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        // Act
        var act = () => _client.WriteAsync(key, Bytes("v"), cancellationToken: cancel.Token);

        // Assert
        await act.Should().ThrowAsync<OperationCanceledException>();
        (await _client.ReadAsync(key)).Should().BeNull();
    }

    internal static string NewKey(string name) => name + "-" + Guid.NewGuid().ToString("N");

    internal static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    internal static string Text(byte[] value) => Encoding.UTF8.GetString(value);
}
