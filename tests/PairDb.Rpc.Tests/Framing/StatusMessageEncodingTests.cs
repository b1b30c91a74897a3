using FluentAssertions;

namespace PairDb.Rpc.Tests.Framing;

public sealed class StatusMessageEncodingTests
{
    [Theory]
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("100%", "100%25")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("naïve", "na%C3%AFve")]
    public void Encode_Message_PercentEncodesOutsidePrintableAscii(string message, string expected)
    {
        StatusMessageEncoding.Encode(message).Should().Be(expected);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("2 of 3 replicas answered; ✓ 100%")]
    [InlineData("tab\there\r\n")]
    public void EncodeThenDecode_AnyText_RoundTrips(string message)
    {
        StatusMessageEncoding.Decode(StatusMessageEncoding.Encode(message)).Should().Be(message);
    }

    [Theory]
    [InlineData("bad %zz escape", "bad %zz escape")]
    [InlineData("trailing %4", "trailing %4")]
    public void Decode_MalformedEscape_LeavesItAsIs(string encoded, string expected)
    {
        StatusMessageEncoding.Decode(encoded).Should().Be(expected);
    }
}
