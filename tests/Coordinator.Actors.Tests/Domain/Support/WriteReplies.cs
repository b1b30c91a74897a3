using FluentAssertions;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>Bounded awaits of a write's reply that fail with the reply in the message when it is not the expected one.</summary>
public static class WriteReplies
{
    public static async Task<WriteSucceeded> SucceedsAsync(this Task<WriteReply> reply) =>
        (await reply.WithinBound()).Should().BeOfType<WriteSucceeded>().Subject;

    public static async Task<WriteFailed> FailsAsync(this Task<WriteReply> reply) =>
        (await reply.WithinBound()).Should().BeOfType<WriteFailed>().Subject;
}
