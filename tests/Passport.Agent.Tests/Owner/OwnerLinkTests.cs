namespace Passport.Agent.Tests.Owner;

public sealed class OwnerLinkTests
{
    [Theory]
    [InlineData("https://p.example/owner/approve?token=abc-_123", "abc-_123")]
    [InlineData("http://127.0.0.1:8081/claim?x=1&token=t%2Bk", "t+k")]
    [InlineData("  rawtoken  ", "rawtoken")]
    public void ExtractToken_reads_the_token_of_a_link_or_takes_the_text(string input, string expected) =>
        Assert.Equal(expected, OwnerLink.ExtractToken(input));

    [Fact]
    public void ExtractToken_refuses_a_link_without_token() =>
        Assert.Equal(AgentErrorCodes.ArgumentInvalid, Assert.Throws<PassportAgentException>(() => OwnerLink.ExtractToken("https://p.example/claim?x=1")).Code);

    [Fact]
    public void FindNewest_picks_the_latest_matching_link_for_the_recipient()
    {
        OutboxMessage[] messages =
        [
            new() { To = "a@example.com", Links = ["https://p/owner/approve?token=old"] },
            new() { To = "b@example.com", Links = ["https://p/owner/approve?token=other"] },
            new() { To = "a@example.com", Links = ["https://p/claim?token=c"] },
            new() { To = "a@example.com", Links = ["https://p/owner/approve?token=new"] },
        ];
        Assert.Equal("https://p/owner/approve?token=new", OwnerLink.FindNewest(messages, OwnerLink.ApprovePath, "a@example.com"));
        Assert.Equal("https://p/claim?token=c", OwnerLink.FindNewest(messages, OwnerLink.ClaimPath));
        Assert.Null(OwnerLink.FindNewest(messages, OwnerLink.ClaimPath, "b@example.com"));
    }
}
