using FluentAssertions;
using Grpc.Core;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>Tenant ids with invisible or reordering characters would make logs and CLI tables lie; they are refused.</summary>
public sealed class TenantFormatCharacterTests : CoordinatorWireTest
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    [Theory]
    [InlineData("shop\u202Etxt.exe", "U+202E")]
    [InlineData("sh\u200Bop", "U+200B")]
    [InlineData("\uFEFFshop", "U+FEFF")]
    public async Task CreateTenant_InvisibleFormatCharacter_InvalidArgumentNamingIt(string tenant, string codePoint)
    {
        var act = () => Coordinator.Client.CreateTenantAsync(
            new CreateTenantRequest { TenantId = tenant, ReplicationFactor = 1 }, deadline: DateTime.UtcNow + Bound).ResponseAsync;

        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().Contain("tenant_id").And.Contain(codePoint);
        var list = await Coordinator.Client.ListTenantsAsync(new ListTenantsRequest(), deadline: DateTime.UtcNow + Bound);
        list.Tenants.Should().NotContain(t => t.TenantId == tenant);
    }

    [Fact]
    public async Task WriteKeyValue_TenantWithRightToLeftOverride_InvalidArgument()
    {
        var act = () => Coordinator.Client.WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = "default\u202E", Key = "k" }, deadline: DateTime.UtcNow + Bound).ResponseAsync;

        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().Contain("U+202E");
    }
}
