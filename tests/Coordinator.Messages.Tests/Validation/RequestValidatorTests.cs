using FluentAssertions;
using PairDb.Messages.Validation;
using PairDb.Messages.Values;

namespace PairDb.Messages.Tests.Validation;

public sealed class RequestValidatorTests
{
    private static readonly RequestValidator Validator = new();

    public static TheoryData<string?, string?> TenantIdCases => new()
    {
        { "default", null },
        { "a", null },
        { new string('t', 256), null },
        { "tenant-é_1.x", null },
        { new string('é', 128), null },
        { null, "tenant_id must be 1..256 bytes (got 0)" },
        { "", "tenant_id must be 1..256 bytes (got 0)" },
        { new string('t', 257), "tenant_id must be 1..256 bytes (got 257)" },
        { new string('é', 129), "tenant_id must be 1..256 bytes (got 258)" },
        { "acme:prod", "tenant_id must not contain ':' (found at index 4)" },
        { "ten\nant", "tenant_id must not contain control characters (found U+000A at index 3)" },
        { "\u007f", "tenant_id must not contain control characters (found U+007F at index 0)" },
        { "a\u0085", "tenant_id must not contain control characters (found U+0085 at index 1)" },
        { "shop\u202Etxt", "tenant_id must not contain invisible format characters such as bidirectional overrides (found U+202E at index 4)" },
        { "sh\u200Bop", "tenant_id must not contain invisible format characters such as bidirectional overrides (found U+200B at index 2)" },
        { "\uFEFFshop", "tenant_id must not contain invisible format characters such as bidirectional overrides (found U+FEFF at index 0)" },
        { "a\u2028b", "tenant_id must not contain invisible format characters such as bidirectional overrides (found U+2028 at index 1)" },
        { "\U0001F600a\U000E0041", "tenant_id must not contain invisible format characters such as bidirectional overrides (found U+E0041 at index 3)" },
        { "\U0001F600-shop", null },
    };

    [Theory]
    [MemberData(nameof(TenantIdCases))]
    public void ValidateTenantId_Table_ReturnsExpectedError(string? tenantId, string? expected)
    {
        var error = RequestValidator.ValidateTenantId(tenantId);

        error?.Message.Should().Be(expected);
        (error is null).Should().Be(expected is null);
        error?.Field.Should().Be("tenant_id");
    }

    public static TheoryData<string?, string?> KeyCases => new()
    {
        { "k", null },
        { "user:42/profile", null },
        { new string('k', 1024), null },
        { new string('€', 341), null },
        { null, "key must be 1..1024 bytes (got 0)" },
        { "", "key must be 1..1024 bytes (got 0)" },
        { new string('k', 1025), "key must be 1..1024 bytes (got 1025)" },
        { new string('k', 2000), "key must be 1..1024 bytes (got 2000)" },
        { new string('€', 342), "key must be 1..1024 bytes (got 1026)" },
    };

    [Theory]
    [MemberData(nameof(KeyCases))]
    public void ValidateKey_Table_ReturnsExpectedError(string? key, string? expected)
    {
        var error = RequestValidator.ValidateKey(key);

        error?.Message.Should().Be(expected);
        (error is null).Should().Be(expected is null);
        error?.Field.Should().Be("key");
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1_048_576, null)]
    [InlineData(1_048_577, "value must be at most 1048576 bytes (got 1048577)")]
    public void ValidateValueSize_DefaultLimit_OneMebibyte(int size, string? expected)
    {
        var error = Validator.ValidateValueSize(size);

        error?.Message.Should().Be(expected);
        (error is null).Should().Be(expected is null);
    }

    [Fact]
    public void ValidateValueSize_ConfiguredLimit_IsUsed()
    {
        var validator = new RequestValidator(maxValueBytes: 100);

        validator.MaxValueBytes.Should().Be(100);
        validator.ValidateValueSize(100).Should().BeNull();
        validator.ValidateValueSize(101).Should().Be(new ValidationError("value", "value must be at most 100 bytes (got 101)"));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(630_720_000_000L)]
    public void ValidateTtl_ZeroToTwentyYearsByDefault_IsValid(long ttlMillis)
    {
        new RequestValidator().ValidateTtl(ttlMillis).Should().BeNull();
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(630_720_000_001L)]
    [InlineData(long.MaxValue)]
    public void ValidateTtl_NegativeOrOverTheDefault_NamesTtlMs(long ttlMillis)
    {
        var error = new RequestValidator().ValidateTtl(ttlMillis);

        error.Should().Be(new ValidationError("ttl_ms", $"ttl_ms must be 0..630720000000 milliseconds, 0 for never (got {ttlMillis})"));
    }

    [Fact]
    public void ValidateTtl_ConfiguredLimit_IsUsed()
    {
        var validator = new RequestValidator(maxTtl: TimeSpan.FromSeconds(10));

        validator.MaxTtlMillis.Should().Be(10_000);
        validator.ValidateTtl(10_000).Should().BeNull();
        validator.ValidateTtl(10_001)!.Field.Should().Be("ttl_ms");
    }

    [Fact]
    public void Constructor_NegativeLimit_Throws()
    {
        var act = () => new RequestValidator(-1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(3, null)]
    [InlineData(10, null)]
    [InlineData(0, "replication_factor must be 1..10 (got 0)")]
    [InlineData(-2, "replication_factor must be 1..10 (got -2)")]
    [InlineData(11, "replication_factor must be 1..10 (got 11)")]
    public void ValidateReplicationFactor_Table_ReturnsExpectedError(int rf, string? expected)
    {
        var error = RequestValidator.ValidateReplicationFactor(rf);

        error?.Message.Should().Be(expected);
        (error is null).Should().Be(expected is null);
    }

    [Theory]
    [InlineData(null, Consistency.Quorum, null)]
    [InlineData("", Consistency.Quorum, null)]
    [InlineData("ONE", Consistency.One, null)]
    [InlineData("all", Consistency.All, null)]
    [InlineData("two", Consistency.Quorum, "consistency must be one, quorum or all (got \"two\")")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789", Consistency.Quorum,
        "consistency must be one, quorum or all (got \"abcdefghijklmnopqrstuvwxyz012345...\")")]
    public void ValidateConsistency_Table_ParsesOrExplains(string? text, Consistency parsed, string? expected)
    {
        var error = RequestValidator.ValidateConsistency(text, out var consistency);

        error?.Message.Should().Be(expected);
        (error is null).Should().Be(expected is null);
        consistency.Should().Be(parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3f1c9a")]
    public void ValidateIdempotencyKey_AbsentOrShort_IsValid(string? key)
    {
        RequestValidator.ValidateIdempotencyKey(key).Should().BeNull();
    }

    [Fact]
    public void ValidateIdempotencyKey_Long_IsRejectedWithTheByteCount()
    {
        RequestValidator.ValidateIdempotencyKey(new string('i', 256)).Should().BeNull();
        RequestValidator.ValidateIdempotencyKey(new string('i', 257))
            .Should().Be(new ValidationError("idempotency_key", "idempotency_key must be at most 256 bytes (got 257)"));
        RequestValidator.ValidateIdempotencyKey(new string('é', 129))
            .Should().Be(new ValidationError("idempotency_key", "idempotency_key must be at most 256 bytes (got 258)"));
    }

    [Theory]
    [InlineData("default", "k", 10, "one", "", null)]
    [InlineData("bad:tenant", "", 2_000_000, "two", "", "tenant_id")]
    [InlineData("default", "", 2_000_000, "two", "", "key")]
    [InlineData("default", "k", 2_000_000, "two", "", "value")]
    [InlineData("default", "k", 10, "two", "", "consistency")]
    [InlineData("default", "k", 10, "all", "x", null)]
    public void ValidateWrite_SeveralProblems_ReportsTheFirstField(string tenant, string key, int size, string consistency, string idem, string? field)
    {
        var error = Validator.ValidateWrite(tenant, key, size, consistency, idem, out _);

        error?.Field.Should().Be(field);
        (error is null).Should().Be(field is null);
    }

    [Fact]
    public void ValidateWrite_Valid_ReturnsParsedConsistency()
    {
        Validator.ValidateWrite("default", "k", 1, "ALL", null, out var consistency).Should().BeNull();
        consistency.Should().Be(Consistency.All);

        Validator.ValidateWrite("default", "k", 1, "one", new string('i', 300), out _)!.Field.Should().Be("idempotency_key");
    }

    [Fact]
    public void ValidateRead_Table_ChecksTenantKeyAndConsistency()
    {
        Validator.ValidateRead("default", "k", "one", out var consistency).Should().BeNull();
        consistency.Should().Be(Consistency.One);
        Validator.ValidateRead("a:b", "k", "one", out _)!.Field.Should().Be("tenant_id");
        Validator.ValidateRead("default", null, "one", out _)!.Field.Should().Be("key");
        Validator.ValidateRead("default", "k", "most", out _)!.Field.Should().Be("consistency");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ValidateReadAndWrite_NoConsistency_UseTheConfiguredDefault(string? consistency)
    {
        var validator = new RequestValidator(defaultConsistency: Consistency.All);

        validator.ValidateRead("default", "k", consistency, out var read).Should().BeNull();
        validator.ValidateWrite("default", "k", 1, consistency, null, out var write).Should().BeNull();

        read.Should().Be(Consistency.All);
        write.Should().Be(Consistency.All);
    }

    [Fact]
    public void ValidateRead_ExplicitConsistency_OverridesTheDefault()
    {
        var validator = new RequestValidator(defaultConsistency: Consistency.All);

        validator.ValidateRead("default", "k", "one", out var read).Should().BeNull();

        read.Should().Be(Consistency.One);
    }

    [Fact]
    public void ValidateTenant_Table_ChecksIdAndReplicationFactor()
    {
        RequestValidator.ValidateTenant("acme", 3).Should().BeNull();
        RequestValidator.ValidateTenant("", 3)!.Field.Should().Be("tenant_id");
        RequestValidator.ValidateTenant("acme", 11)!.Field.Should().Be("replication_factor");
    }

    [Fact]
    public void Validate_HostileInputs_NeverThrow()
    {
        var loneSurrogate = "a\ud800b";
        var huge = new string('x', 5_000_000);

        var act = () =>
        {
            RequestValidator.ValidateTenantId(loneSurrogate);
            RequestValidator.ValidateKey(loneSurrogate);
            RequestValidator.ValidateKey(huge);
            RequestValidator.ValidateConsistency(huge, out _);
            RequestValidator.ValidateIdempotencyKey(huge);
            Validator.ValidateValueSize(int.MaxValue);
            Validator.ValidateWrite(null, null, -1, null, null, out _);
        };

        act.Should().NotThrow();
        RequestValidator.ValidateKey(huge)!.Message.Should().Be("key must be 1..1024 bytes (got 5000000)");
    }
}
