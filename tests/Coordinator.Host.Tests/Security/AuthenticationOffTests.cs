using FluentAssertions;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Security;

/// <summary>The embedded default: authentication off, every call allowed without a token, admin calls still audited.</summary>
public sealed class AuthenticationOffTests : CoordinatorWireTest
{
    [Fact]
    public async Task AdminCall_NoToken_AllowedAndAuditedAsAnonymous()
    {
        // Act
        await Coordinator.Client.CreateTenantAsync(new CreateTenantRequest { TenantId = "open", ReplicationFactor = 1 }, deadline: Deadline());
        var audit = await Coordinator.Client.ListAuditRecordsAsync(new ListAuditRecordsRequest(), deadline: Deadline());

        // Assert
        audit.Records.Should().Contain(r => r.Caller == "anonymous" && r.Method == "/proto.CoordinatorService/CreateTenant" && r.Target == "open" && r.Status == "OK");
    }

    private static DateTime Deadline() => DateTime.UtcNow + TimeSpan.FromSeconds(30);
}
