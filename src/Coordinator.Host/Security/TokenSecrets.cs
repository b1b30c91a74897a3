using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PairDb.Coordinator.Security;

/// <summary>
/// The token string and its hash. A token is "pdb_" + a 16-hex-digit id + "_" + 43 base64url characters: a random
/// 256-bit secret. The store keeps SHA-256(salt || secret) with a random 128-bit salt. A secret of 256 random bits
/// cannot be guessed or brute-forced from its hash, so a slow password KDF (bcrypt, Argon2) would add only latency on
/// every cache miss; the salt keeps equal secrets (never expected) from having equal hashes. Comparisons run in
/// constant time.
/// </summary>
public static class TokenSecrets
{
    /// <summary>What every tenant token starts with.</summary>
    public const string Scheme = "pdb_";

    /// <summary>Hex digits of a token id (a random 64-bit number).</summary>
    public const int IdLength = 16;

    private const int SecretBytes = 32;
    private const int SaltBytes = 16;
    private static readonly int SecretChars = Base64Url.GetEncodedLength(SecretBytes);
    private static readonly int TokenLength = Scheme.Length + IdLength + 1 + SecretChars;

    /// <summary>A new token for <paramref name="tenantId"/>: the string to hand out once, and what the store keeps.</summary>
    public static (string Token, StoredToken Stored) Create(string tenantId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var token = Scheme + id + "_" + Base64Url.EncodeToString(secret);
        return (token, new StoredToken(new TenantToken(id, tenantId, now, null), salt, Hash(salt, secret)));
    }

    /// <summary>The non-secret start of the token with id <paramref name="tokenId"/>.</summary>
    public static string PrefixOf(string tokenId) => Scheme + tokenId;

    /// <summary>Whether <paramref name="tokenId"/> has the shape of a token id (16 lower-case hex digits).</summary>
    public static bool IsTokenId(string tokenId)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        if (tokenId.Length != IdLength)
        {
            return false;
        }

        foreach (var c in tokenId)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits a presented token into id and secret; false when it does not have a tenant token's shape.</summary>
    public static bool TryParse(string token, out string tokenId, out byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(token);
        tokenId = string.Empty;
        secret = [];
        if (token.Length != TokenLength || !token.StartsWith(Scheme, StringComparison.Ordinal) || token[Scheme.Length + IdLength] != '_')
        {
            return false;
        }

        var id = token.Substring(Scheme.Length, IdLength);
        var decoded = new byte[SecretBytes];
        if (!IsTokenId(id)
            || !Base64Url.IsValid(token.AsSpan(Scheme.Length + IdLength + 1))
            || Base64Url.DecodeFromChars(token.AsSpan(Scheme.Length + IdLength + 1), decoded) != SecretBytes)
        {
            return false;
        }

        tokenId = id;
        secret = decoded;
        return true;
    }

    /// <summary>Whether <paramref name="secret"/> is the secret of <paramref name="stored"/> (constant time).</summary>
    public static bool Matches(StoredToken stored, byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(secret);
        return CryptographicOperations.FixedTimeEquals(Hash(stored.Salt, secret), stored.SecretHash);
    }

    /// <summary>Whether two configured or presented strings are equal, in time independent of where they differ (hashes compared).</summary>
    public static bool TextEquals(string presented, string expected)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(expected);
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    private static byte[] Hash(byte[] salt, byte[] secret)
    {
        var input = new byte[salt.Length + secret.Length];
        salt.CopyTo(input, 0);
        secret.CopyTo(input, salt.Length);
        var hash = SHA256.HashData(input);
        CryptographicOperations.ZeroMemory(input);
        return hash;
    }
}
