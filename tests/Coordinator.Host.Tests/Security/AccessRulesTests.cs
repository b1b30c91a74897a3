using FluentAssertions;
using PairDb.Coordinator.Security;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Security;

public sealed class AccessRulesTests
{
    private static readonly Caller TokenOfA = new(CallerKind.Tenant, "0123456789abcdef", "tenant-a");

    [Theory]
    [InlineData("/proto.CoordinatorService/WriteKeyValue", MethodAccess.TenantData)]
    [InlineData("/proto.CoordinatorService/BatchWrite", MethodAccess.TenantData)]
    [InlineData("/proto.CoordinatorService/GetTenant", MethodAccess.TenantRead)]
    [InlineData("/proto.CoordinatorService/CreateTenant", MethodAccess.Admin)]
    [InlineData("/proto.CoordinatorService/ListAuditRecords", MethodAccess.Admin)]
    [InlineData("/proto.CoordinatorService/SetTenantLimits", MethodAccess.Admin)]
    [InlineData("/proto.CoordinatorService/SomeFutureMethod", MethodAccess.Admin)]
    [InlineData("/grpc.health.v1.Health/Check", MethodAccess.Open)]
    [InlineData("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", MethodAccess.Open)]
    public void Of_Method_ReturnsItsAccess(string method, MethodAccess expected)
    {
        AccessRules.Of(method).Should().Be(expected);
    }

    [Fact]
    public void Denial_TenantToken_OwnTenantAllowedOtherTenantAndAdminDenied()
    {
        AccessRules.Denial(TokenOfA, MethodAccess.TenantData, "tenant-a").Should().BeNull();
        AccessRules.Denial(TokenOfA, MethodAccess.TenantRead, "tenant-a").Should().BeNull();
        AccessRules.Denial(TokenOfA, MethodAccess.TenantData, "tenant-b").Should().Contain("tenant-a");
        AccessRules.Denial(TokenOfA, MethodAccess.TenantData, null).Should().NotBeNull();
        AccessRules.Denial(TokenOfA, MethodAccess.Admin, null).Should().Contain("admin");
    }

    [Fact]
    public void Denial_AdminOrAnonymous_NeverDenied()
    {
        foreach (var access in Enum.GetValues<MethodAccess>())
        {
            AccessRules.Denial(Caller.Admin, access, "tenant-b").Should().BeNull();
            AccessRules.Denial(Caller.Anonymous, access, "tenant-b").Should().BeNull();
        }
    }

    [Fact]
    public void TenantOf_EveryDataRequest_ReturnsItsTenant()
    {
        AccessRules.TenantOf(new WriteKeyValueRequest { TenantId = "t" }).Should().Be("t");
        AccessRules.TenantOf(new ReadKeyValueRequest { TenantId = "t" }).Should().Be("t");
        AccessRules.TenantOf(new DeleteKeyValueRequest { TenantId = "t" }).Should().Be("t");
        AccessRules.TenantOf(new BatchReadRequest { TenantId = "t" }).Should().Be("t");
        AccessRules.TenantOf(new BatchWriteRequest { TenantId = "t" }).Should().Be("t");
        AccessRules.TenantOf(new GetTenantRequest { TenantId = "t" }).Should().Be("t");
        AccessRules.TenantOf(new ListTenantsRequest()).Should().BeNull();
    }
}
