using Passport.Gateway.Configuration;

namespace Passport.Gateway.Tests.RedisHa;

/// <summary>The settings behind Redis beyond one node: durability, its timeout, and a prefix without a hash tag.</summary>
public sealed class RedisHaSettingsTests
{
    private static PassportGatewayOptions Options(Action<PassportGatewayOptions> change)
    {
        var options = new PassportGatewayOptions
        {
            Issuer = "https://idp.example",
            PublicOrigin = "https://api.example",
            Replay = new ReplaySettings { Store = "Redis" },
            Redis = new RedisSettings { Configuration = "127.0.0.1:6379" },
        };
        change(options);
        return options;
    }

    [Theory]
    [InlineData("Fast")]
    [InlineData("replicated")]
    public void Durability_fast_or_replicated_is_accepted(string durability) =>
        Assert.Empty(PassportGatewayOptionsValidator.Problems(Options(o => o.Replay.Durability = durability)));

    [Theory]
    [InlineData("Durable")]
    [InlineData("1")]
    public void Unknown_durability_is_named(string durability) =>
        Assert.StartsWith("Passport:Replay:Durability must be Fast or Replicated", Assert.Single(PassportGatewayOptionsValidator.Problems(Options(o => o.Replay.Durability = durability))), StringComparison.Ordinal);

    [Fact]
    public void Replicated_durability_needs_the_redis_store() =>
        Assert.Contains("needs Passport:Replay:Store Redis", Assert.Single(PassportGatewayOptionsValidator.Problems(Options(o =>
        {
            o.Replay.Store = "Memory";
            o.Replay.Durability = "Replicated";
        }))), StringComparison.Ordinal);

    [Theory]
    [InlineData(0)]
    [InlineData(5001)]
    public void Replication_timeout_is_bounded(int milliseconds) =>
        Assert.StartsWith("Passport:Replay:ReplicationTimeoutMilliseconds", Assert.Single(PassportGatewayOptionsValidator.Problems(Options(o => o.Replay.ReplicationTimeoutMilliseconds = milliseconds))), StringComparison.Ordinal);

    [Theory]
    [InlineData("{passport}:")]
    [InlineData("pass}port:")]
    public void A_key_prefix_with_a_hash_tag_is_refused(string prefix) =>
        Assert.Contains("hash tag", Assert.Single(PassportGatewayOptionsValidator.Problems(Options(o => o.Redis.KeyPrefix = prefix))), StringComparison.Ordinal);

    [Fact]
    public void Defaults_are_fast_and_fifty_milliseconds()
    {
        var replay = new ReplaySettings();
        Assert.Equal("Fast", replay.Durability);
        Assert.Equal(50, replay.ReplicationTimeoutMilliseconds);
    }
}
