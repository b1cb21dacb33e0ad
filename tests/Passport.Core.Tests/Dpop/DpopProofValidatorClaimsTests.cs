using Passport.Core.Dpop;
using Passport.Core.Tests.Support;

namespace Passport.Core.Tests.Dpop;

/// <summary>RFC 9449 §4.3 steps 8–12: htm, htu, iat, jti, ath, nonce and the key binding.</summary>
public sealed class DpopProofValidatorClaimsTests : DpopTestBase
{
    private const string Token = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.sig";

    [Fact]
    public void Htm_of_another_method_is_refused() => AssertRefused(Proof().Build(), DpopErrorCode.MethodMismatch, method: "POST");

    [Fact]
    public void Htm_is_compared_case_sensitively() =>
        AssertRefused(Proof().With(p => p.Payload["htm"] = "get").Build(), DpopErrorCode.MethodMismatch);

    [Fact]
    public void Missing_htm_is_refused() => AssertRefused(Proof().With(p => p.Payload.Remove("htm")).Build(), DpopErrorCode.MethodMismatch);

    [Fact]
    public void Htu_with_another_path_is_refused() =>
        AssertRefused(Proof().Build(), DpopErrorCode.UriMismatch, uri: "https://api.test/orders/1");

    [Fact]
    public void Missing_htu_is_refused() => AssertRefused(Proof().With(p => p.Payload.Remove("htu")).Build(), DpopErrorCode.UriMismatch);

    [Theory]
    [InlineData("https://api.test/orders?page=2")]
    [InlineData("https://api.test/orders#top")]
    [InlineData("https://api.test/orders?a=1#b")]
    public void Query_and_fragment_in_htu_are_ignored(string htu) =>
        AssertAccepted(Proof().With(p => p.Payload["htu"] = htu).Build());

    [Fact]
    public void Query_of_the_request_uri_is_ignored() =>
        AssertAccepted(Proof().Build(), uri: "https://api.test/orders?page=2");

    [Theory]
    [InlineData("HTTPS://API.TEST/orders")]
    [InlineData("https://Api.Test/orders")]
    [InlineData("https://api.test:443/orders")]
    public void Scheme_and_host_are_case_insensitive_and_the_default_port_is_implied_in_htu(string htu) =>
        AssertAccepted(Proof().With(p => p.Payload["htu"] = htu).Build());

    [Theory]
    [InlineData("https://X:443/a", "https://x/a")]
    [InlineData("https://x/a", "https://X:443/a")]
    [InlineData("http://x:80/a", "http://X/a")]
    [InlineData("https://x", "https://x/")]
    public void Request_uri_and_htu_are_compared_after_normalisation(string htu, string requestUri) =>
        AssertAccepted(Proof().With(p => p.Payload["htu"] = htu).Build(), uri: requestUri);

    [Fact]
    public void Path_is_case_sensitive() =>
        AssertRefused(Proof().With(p => p.Payload["htu"] = "https://api.test/Orders").Build(), DpopErrorCode.UriMismatch);

    [Theory]
    [InlineData("https://api.test:8443/orders")]
    [InlineData("https://api.test:80/orders")]
    public void Htu_with_a_different_port_is_refused(string htu) =>
        AssertRefused(Proof().With(p => p.Payload["htu"] = htu).Build(), DpopErrorCode.UriMismatch);

    [Fact]
    public void Htu_with_http_instead_of_https_is_refused() =>
        AssertRefused(Proof().With(p => p.Payload["htu"] = "http://api.test/orders").Build(), DpopErrorCode.UriMismatch);

    [Theory]
    [InlineData("/orders")]
    [InlineData("api.test/orders")]
    [InlineData("ftp://api.test/orders")]
    [InlineData("")]
    public void Htu_that_is_not_an_absolute_http_uri_is_refused(string htu) =>
        AssertRefused(Proof().With(p => p.Payload["htu"] = htu).Build(), DpopErrorCode.UriMismatch);

    [Fact]
    public void Iat_exactly_at_the_past_edge_of_the_window_is_accepted()
    {
        Time.Advance(Options.IssuedAtWindow);
        AssertAccepted(Proof().Build());
    }

    [Fact]
    public void Iat_one_second_beyond_the_past_edge_is_stale()
    {
        Time.Advance(Options.IssuedAtWindow + TimeSpan.FromSeconds(1));
        AssertRefused(Proof().Build(), DpopErrorCode.StaleIssuedAt);
    }

    [Fact]
    public void Iat_exactly_at_the_future_edge_of_the_window_is_accepted() =>
        AssertAccepted(Proof().With(p => p.Payload["iat"] = ProofBuilder.Now + 60).Build());

    [Fact]
    public void Iat_one_second_beyond_the_future_edge_is_refused() =>
        AssertRefused(Proof().With(p => p.Payload["iat"] = ProofBuilder.Now + 61).Build(), DpopErrorCode.FutureIssuedAt);

    [Fact]
    public void Iat_window_is_configurable()
    {
        Options.IssuedAtWindow = TimeSpan.FromSeconds(5);
        AssertAccepted(Proof().With(p => p.Payload["iat"] = ProofBuilder.Now - 5).Build());
        AssertRefused(Proof().With(p => p.Payload["iat"] = ProofBuilder.Now - 6).Build(), DpopErrorCode.StaleIssuedAt);
    }

    [Fact]
    public void Missing_iat_is_refused() => AssertRefused(Proof().With(p => p.Payload.Remove("iat")).Build(), DpopErrorCode.MissingIssuedAt);

    [Fact]
    public void Iat_as_string_is_refused() =>
        AssertRefused(Proof().With(p => p.Payload["iat"] = ProofBuilder.Now.ToString(System.Globalization.CultureInfo.InvariantCulture)).Build(), DpopErrorCode.MissingIssuedAt);

    [Theory]
    [InlineData("1716400000.5")]
    [InlineData("1716400000.0")]
    [InlineData("1716400000.999999")]
    [InlineData("1.7164e9")]
    public void Iat_as_a_non_integer_NumericDate_is_accepted_and_truncated_to_whole_seconds(string iat)
    {
        // RFC 7519 §2: a NumericDate is a JSON number and "can contain non-integer values".
        var result = Validate(Jws.Sign(Agent, Proof().Header.ToJsonString(),
            "{\"jti\":\"j\",\"htm\":\"GET\",\"htu\":\"https://api.test/orders\",\"iat\":" + iat + "}"));
        Assert.True(result.Succeeded, result.Code);
        Assert.Equal(ProofBuilder.Now, result.IssuedAt);
    }

    [Fact]
    public void Iat_beyond_int64_is_refused() =>
        AssertRefused(Jws.Sign(Agent, Proof().Header.ToJsonString(),
            "{\"jti\":\"j\",\"htm\":\"GET\",\"htu\":\"https://api.test/orders\",\"iat\":99999999999999999999}"), DpopErrorCode.MissingIssuedAt);

    [Fact]
    public void Missing_jti_is_refused() => AssertRefused(Proof().With(p => p.Payload.Remove("jti")).Build(), DpopErrorCode.MissingJti);

    [Fact]
    public void Empty_jti_is_refused() => AssertRefused(Proof().With(p => p.Payload["jti"] = "").Build(), DpopErrorCode.MissingJti);

    [Fact]
    public void Jti_longer_than_the_maximum_is_refused()
    {
        AssertAccepted(Proof().With(p => p.Payload["jti"] = new string('j', Options.MaxJtiLength)).Build());
        AssertRefused(Proof().With(p => p.Payload["jti"] = new string('j', Options.MaxJtiLength + 1)).Build(), DpopErrorCode.JtiTooLong);
    }

    [Fact]
    public void Missing_ath_is_refused_when_ath_is_required()
    {
        Options.RequireAth = true;
        AssertRefused(Proof().Build(), DpopErrorCode.MissingAth, accessToken: Token);
    }

    [Fact]
    public void Missing_ath_is_accepted_when_not_required() => AssertAccepted(Proof().Build(), accessToken: Token);

    [Fact]
    public void Ath_is_not_checked_without_an_access_token()
    {
        Options.RequireAth = true;
        AssertAccepted(Proof().With(p => p.Payload["ath"] = "whatever").Build());
    }

    [Fact]
    public void Ath_of_another_token_is_refused() =>
        AssertRefused(Proof().With(p => p.Payload["ath"] = AccessTokenHash.Compute(Token + "x")).Build(), DpopErrorCode.AthMismatch, accessToken: Token);

    [Fact]
    public void Ath_of_wrong_length_is_refused() =>
        AssertRefused(Proof().With(p => p.Payload["ath"] = "abc").Build(), DpopErrorCode.AthMismatch, accessToken: Token);

    [Fact]
    public void Ath_matching_the_access_token_is_accepted()
    {
        Options.RequireAth = true;
        AssertAccepted(Proof().With(p => p.Payload["ath"] = AccessTokenHash.Compute(Token)).Build(), accessToken: Token);
    }

    [Fact]
    public void Missing_nonce_is_refused_when_the_server_requires_one() =>
        AssertRefused(Proof().Build(), DpopErrorCode.NonceRequired, expectedNonce: "n-1");

    [Fact]
    public void Other_nonce_is_refused() =>
        AssertRefused(Proof().With(p => p.Payload["nonce"] = "n-0").Build(), DpopErrorCode.NonceRequired, expectedNonce: "n-1");

    [Fact]
    public void Expected_nonce_is_accepted_and_returned()
    {
        var result = Validate(Proof().With(p => p.Payload["nonce"] = "n-1").Build(), expectedNonce: "n-1");
        Assert.True(result.Succeeded, result.Code);
        Assert.Equal("n-1", result.Nonce);
    }

    [Fact]
    public void Proof_key_other_than_the_tokens_cnf_jkt_is_refused()
    {
        using var other = TestKeys.Other();
        AssertRefused(Proof().Build(), DpopErrorCode.KeyMismatch, expectedJkt: other.PublicJwk.Thumbprint);
    }

    [Fact]
    public void Proof_key_matching_the_tokens_cnf_jkt_is_accepted() =>
        AssertAccepted(Proof().Build(), expectedJkt: TestKeys.RfcThumbprint);
}
