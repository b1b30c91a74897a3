using FluentAssertions;
using Grpc.Core;
using PairDb.Client.Internal;

namespace PairDb.Client.Tests.Internal;

public sealed class RetryRulesTests
{
    private static readonly PairDbRetryOptions Policy = new()
    {
        MaxAttempts = 6,
        InitialBackoff = TimeSpan.FromMilliseconds(100),
        MaxBackoff = TimeSpan.FromSeconds(1),
    };

    [Fact]
    public void Decide_UnavailableWhileAddressesUntried_NextAddressAtOnce()
    {
        // Act
        var first = RetryRules.Decide(new FailedAttempt(StatusCode.Unavailable, false, null), attempt: 1, addressCount: 3, Policy, jitter: 0.5);
        var second = RetryRules.Decide(new FailedAttempt(StatusCode.Unavailable, false, null), attempt: 2, addressCount: 3, Policy, jitter: 0.5);

        // Assert
        first.Should().Be(new RetryDecision(RetryAction.RetryNextAddress, TimeSpan.Zero));
        second.Should().Be(new RetryDecision(RetryAction.RetryNextAddress, TimeSpan.Zero));
    }

    [Fact]
    public void Decide_UnavailableAfterEveryAddressFailed_NextAddressAfterBackoff()
    {
        // Act: the third failure of three addresses; the next round starts with the first backoff.
        var decision = RetryRules.Decide(new FailedAttempt(StatusCode.Unavailable, false, null), attempt: 3, addressCount: 3, Policy, jitter: 1);

        // Assert
        decision.Should().Be(new RetryDecision(RetryAction.RetryNextAddress, TimeSpan.FromMilliseconds(100)));
    }

    [Theory]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.Unknown)]
    public void Decide_ConnectionLostWithAnyCode_NextAddress(StatusCode code)
    {
        // Act
        var decision = RetryRules.Decide(new FailedAttempt(code, true, null), attempt: 1, addressCount: 2, Policy, jitter: 0);

        // Assert
        decision.Action.Should().Be(RetryAction.RetryNextAddress);
    }

    [Fact]
    public void Decide_ResourceExhaustedWithLongerHint_SameAddressAfterTheHint()
    {
        // Act
        var decision = RetryRules.Decide(
            new FailedAttempt(StatusCode.ResourceExhausted, false, TimeSpan.FromMilliseconds(700)), attempt: 1, addressCount: 2, Policy, jitter: 1);

        // Assert
        decision.Should().Be(new RetryDecision(RetryAction.RetrySameAddress, TimeSpan.FromMilliseconds(700)));
    }

    [Fact]
    public void Decide_ResourceExhaustedWithShorterHint_SameAddressAfterTheBackoff()
    {
        // Act: the fourth attempt's backoff (800 ms at full jitter) is longer than the hint.
        var decision = RetryRules.Decide(
            new FailedAttempt(StatusCode.ResourceExhausted, false, TimeSpan.FromMilliseconds(200)), attempt: 4, addressCount: 2, Policy, jitter: 1);

        // Assert
        decision.Should().Be(new RetryDecision(RetryAction.RetrySameAddress, TimeSpan.FromMilliseconds(800)));
    }

    [Fact]
    public void Decide_ResourceExhaustedHintNotHonoured_OnlyTheBackoff()
    {
        // Arrange
        var policy = new PairDbRetryOptions { InitialBackoff = TimeSpan.FromMilliseconds(100), HonourRetryAfter = false };

        // Act
        var decision = RetryRules.Decide(
            new FailedAttempt(StatusCode.ResourceExhausted, false, TimeSpan.FromSeconds(5)), attempt: 1, addressCount: 1, policy, jitter: 1);

        // Assert
        decision.Should().Be(new RetryDecision(RetryAction.RetrySameAddress, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void Decide_Aborted_SameAddressAfterBackoff()
    {
        // Act
        var decision = RetryRules.Decide(new FailedAttempt(StatusCode.Aborted, false, null), attempt: 2, addressCount: 3, Policy, jitter: 1);

        // Assert
        decision.Should().Be(new RetryDecision(RetryAction.RetrySameAddress, TimeSpan.FromMilliseconds(200)));
    }

    [Theory]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.NotFound)]
    [InlineData(StatusCode.AlreadyExists)]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.Cancelled)]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.PermissionDenied)]
    public void Decide_NotRetryableCode_Fails(StatusCode code)
    {
        // Act
        var decision = RetryRules.Decide(new FailedAttempt(code, false, TimeSpan.FromMilliseconds(10)), attempt: 1, addressCount: 3, Policy, jitter: 0.5);

        // Assert
        decision.Should().Be(RetryDecision.Fail);
    }

    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.ResourceExhausted)]
    [InlineData(StatusCode.Aborted)]
    public void Decide_LastAllowedAttempt_Fails(StatusCode code)
    {
        // Act
        var decision = RetryRules.Decide(new FailedAttempt(code, false, null), attempt: Policy.MaxAttempts, addressCount: 3, Policy, jitter: 0.5);

        // Assert
        decision.Should().Be(RetryDecision.Fail);
    }
}
