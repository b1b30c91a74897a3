using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Security;

/// <summary>
/// Which methods need which caller, and whether a caller may make a call. A method of proto.CoordinatorService that is
/// not listed as a data method is an admin method, so a method added later is admin-only until it is listed here.
/// </summary>
public static class AccessRules
{
    private const string ServicePrefix = "/proto.CoordinatorService/";

    public static MethodAccess Of(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!method.StartsWith(ServicePrefix, StringComparison.Ordinal))
        {
            return MethodAccess.Open;
        }

        return method.AsSpan(ServicePrefix.Length) switch
        {
            "WriteKeyValue" or "ReadKeyValue" or "DeleteKeyValue" or "BatchRead" or "BatchWrite" => MethodAccess.TenantData,
            "GetTenant" => MethodAccess.TenantRead,
            _ => MethodAccess.Admin,
        };
    }

    /// <summary>The tenant a data request (or GetTenant) names; null for any other request.</summary>
    public static string? TenantOf(object request) => request switch
    {
        WriteKeyValueRequest write => write.TenantId,
        ReadKeyValueRequest read => read.TenantId,
        DeleteKeyValueRequest delete => delete.TenantId,
        BatchReadRequest batchRead => batchRead.TenantId,
        BatchWriteRequest batchWrite => batchWrite.TenantId,
        GetTenantRequest get => get.TenantId,
        _ => null,
    };

    /// <summary>Why <paramref name="caller"/> may not call a method of <paramref name="access"/> naming <paramref name="tenant"/>; null when it may.</summary>
    public static string? Denial(Caller caller, MethodAccess access, string? tenant)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Kind != CallerKind.Tenant || access == MethodAccess.Open)
        {
            return null;
        }

        if (access == MethodAccess.Admin)
        {
            return $"Token {TokenSecrets.PrefixOf(caller.TokenId)} is a tenant token; this method needs the admin credential.";
        }

        return string.Equals(tenant, caller.TenantId, StringComparison.Ordinal)
            ? null
            : $"Token {TokenSecrets.PrefixOf(caller.TokenId)} may only reach tenant '{caller.TenantId}'.";
    }
}
