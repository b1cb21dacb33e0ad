using Passport.Core.Dpop;
using Passport.Core.Keys;
using Xunit;

namespace Passport.Testing.Adversarial;

/// <summary>
/// The adversarial matrix (issue 14): one table of attacks, each derived from a valid agent + token + proof, run over
/// real HTTP against every host that uses the Passport scheme (the gateway, the IdP's <c>/me</c>). The expectation is
/// the same everywhere because every host refuses through the one <c>RefusalCatalog</c>; a row that cannot run on a host
/// says why (<see cref="AdversarialRow.NeedsIssuerKey"/>). docs/security-model.md maps threats to rows.
/// </summary>
public static class AdversarialRows
{
    private const int Unauthorized = 401;
    private const string InvalidRequest = "invalid_request";
    private const string InvalidToken = "invalid_token";
    private const string InvalidProof = "invalid_dpop_proof";

    private static AdversarialRequest Valid(AdversarialTarget t, string? token = null, string? proof = null, string? url = null) =>
        new AdversarialRequest("GET", url ?? t.Url)
            .Add("Authorization", "DPoP " + (token ?? t.Token))
            .Add("DPoP", proof ?? new DpopProofFactory(t.Key).Create("GET", t.Url, token ?? t.Token));

    private static string RawProof(AdversarialTarget t, string iat = "", string extra = "", string? htu = null, string? header = null) =>
        Jws.Sign(t.Key, Jws.Utf8(header ?? Jws.ProofHeader(t.Key)), Jws.Utf8(Jws.ProofPayload("GET", htu ?? t.Url, t.Token, iat.Length == 0 ? Jws.Now.ToString() : iat, extra)));

    private static string TokenWithHeader(AdversarialTarget t, Func<string, string> header)
    {
        var (h, p, s) = Jws.Split(t.Token);
        return Jws.B64(header(h)) + "." + Jws.B64(p) + "." + s;
    }

    private static string ForgedToken(AdversarialTarget t, byte[]? header = null, byte[]? payload = null)
    {
        var (h, p, _) = Jws.Split(t.Token);
        return t.SignToken!(header ?? Jws.Utf8(h), payload ?? Jws.Utf8(p));
    }

    /// <summary>Inserts <paramref name="member"/> (raw JSON text, with a trailing comma) as the first member of an object.</summary>
    private static string Prepend(string json, string member) => "{" + member + json[1..];

    /// <summary>Bytes that are not UTF-8 (a lone continuation byte, an overlong encoding) inside a JSON string.</summary>
    private static byte[] WithInvalidUtf8(string json) => [.. Jws.Utf8(json[..^1] + ",\"x\":\""), 0x80, 0xC0, 0xAF, .. Jws.Utf8("\"}")];

    /// <summary>An Ed25519 point of small order (the identity, y = 1): decodes, but no one can sign for it.</summary>
    private static readonly string SmallOrderX = Jws.B64([1, .. new byte[31]]);

    public static readonly IReadOnlyList<AdversarialRow> All =
    [
        new("no credentials", t => new AdversarialRequest("GET", t.Url), Unauthorized, null, "credentials.missing"),
        new("two Authorization headers", t => Valid(t).Add("Authorization", "DPoP " + t.Token), Unauthorized, InvalidRequest, "credentials.duplicate_authorization"),
        new("Basic scheme", t => new AdversarialRequest("GET", t.Url).Add("Authorization", "Basic dXNlcjpwYXNzd29yZDEyMzQ1Njc4").Add("DPoP", new DpopProofFactory(t.Key).Create("GET", t.Url)), Unauthorized, InvalidRequest, "credentials.malformed_authorization"),
        new("DPoP proof without a token", t => new AdversarialRequest("GET", t.Url).Add("DPoP", new DpopProofFactory(t.Key).Create("GET", t.Url)), Unauthorized, InvalidRequest, "token.missing"),
        new("token without a proof", t => new AdversarialRequest("GET", t.Url).Add("Authorization", "DPoP " + t.Token), Unauthorized, InvalidProof, "dpop.missing"),
        new("two DPoP headers", t => Valid(t).Add("DPoP", new DpopProofFactory(t.Key).Create("GET", t.Url, t.Token)), Unauthorized, InvalidProof, "dpop.duplicate"),
        new("proof replayed", t => new AdversarialRequest("GET", t.Url) { SendTwice = true }.Add("Authorization", "DPoP " + t.Token).Add("DPoP", new DpopProofFactory(t.Key).Create("GET", t.Url, t.Token)), Unauthorized, InvalidProof, "dpop.replayed"),
        new("proof for another htm", t => Valid(t, proof: new DpopProofFactory(t.Key).Create("POST", t.Url, t.Token)), Unauthorized, InvalidProof, "dpop.htm_mismatch"),
        new("proof for another htu", t => Valid(t, proof: new DpopProofFactory(t.Key).Create("GET", t.Url + "-other", t.Token)), Unauthorized, InvalidProof, "dpop.htu_mismatch"),
        // RFC 9449 §4.2: htu carries no query; a request with a query is proved by the htu without it.
        new("request with a query, htu without it (accepted)", t => Valid(t, url: t.Url + "?page=2"), 200, null, null),
        // RFC 9449 §4.3 step 9 compares htu "ignoring any query and fragment parts": a query in htu is not an attack.
        new("proof htu with a query (accepted, RFC 9449 §4.3)", t => Valid(t, proof: RawProof(t, htu: t.Url + "?page=2")), 200, null, null),
        new("proof signed by another key (jkt mismatch)", t =>
        {
            using var thief = Ed25519KeyPair.Generate();
            return Valid(t, proof: new DpopProofFactory(thief).Create("GET", t.Url, t.Token));
        }, Unauthorized, InvalidProof, "dpop.jkt_mismatch"),
        new("ath of another token", t => Valid(t, proof: new DpopProofFactory(t.Key).Create("GET", t.Url, "another-token")), Unauthorized, InvalidProof, "dpop.ath_mismatch"),
        new("iat too old", t => Valid(t, proof: RawProof(t, iat: (Jws.Now - 600).ToString())), Unauthorized, InvalidProof, "dpop.stale_iat"),
        new("iat in the future", t => Valid(t, proof: RawProof(t, iat: (Jws.Now + 600).ToString())), Unauthorized, InvalidProof, "dpop.future_iat"),
        // NumericDate is a JSON number (RFC 7519 §2): a fractional iat inside the window is legitimate.
        new("fractional iat within the window (accepted)", t => Valid(t, proof: RawProof(t, iat: Jws.Now + ".5")), 200, null, null),
        // exp/nbf are honoured with the iat window as clock skew (DpopProofValidator): ±600 s is outside it.
        new("exp in the past", t => Valid(t, proof: RawProof(t, extra: $",\"exp\":{Jws.Now - 600}")), Unauthorized, InvalidProof, "dpop.expired"),
        new("nbf in the future", t => Valid(t, proof: RawProof(t, extra: $",\"nbf\":{Jws.Now + 600}")), Unauthorized, InvalidProof, "dpop.not_yet_valid"),
        new("proof alg none", t => Valid(t, proof: RawProof(t, header: Jws.ProofHeader(t.Key, "none"))), Unauthorized, InvalidProof, "dpop.unsupported_alg"),
        new("proof jwk with d", t => Valid(t, proof: RawProof(t, header: $"{{\"typ\":\"dpop+jwt\",\"alg\":\"EdDSA\",\"jwk\":{Ed25519PrivateJwk.Export(t.Key)}}}")), Unauthorized, InvalidProof, "dpop.private_key_in_jwk"),
        // By design (Ed25519PublicKeyCheck): the small-order check runs where keys enter the system, not per request;
        // libsodium's verification refuses small-order keys, so the per-request refusal is the signature.
        new("proof jwk x of small order", t => Valid(t, proof: RawProof(t, header: $"{{\"typ\":\"dpop+jwt\",\"alg\":\"EdDSA\",\"jwk\":{{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{SmallOrderX}\"}}}}")), Unauthorized, InvalidProof, "dpop.invalid_signature"),
        new("proof htu with a lone surrogate escape", t => Valid(t, proof: RawProof(t, htu: t.Url + "\\ud800")), Unauthorized, InvalidProof, "dpop.malformed"),
        new("proof payload with invalid UTF-8", t => Valid(t, proof: Jws.Sign(t.Key, Jws.Utf8(Jws.ProofHeader(t.Key)), WithInvalidUtf8(Jws.ProofPayload("GET", t.Url, t.Token, Jws.Now.ToString())))), Unauthorized, InvalidProof, "dpop.malformed"),
        new("proof of garbage base64url", t => Valid(t, proof: "!!!$$.%%%%.^^^^"), Unauthorized, InvalidProof, "dpop.malformed"),
        new("oversized proof", t => Valid(t, proof: new string('a', 9000) + ".b.c"), Unauthorized, InvalidProof, "dpop.too_large"),
        new("token alg none", t => Valid(t, token: TokenWithHeader(t, h => h.Replace("\"EdDSA\"", "\"none\"", StringComparison.Ordinal))), Unauthorized, InvalidToken, "token.unsupported_alg"),
        new("token alg HS256", t => Valid(t, token: TokenWithHeader(t, h => h.Replace("\"EdDSA\"", "\"HS256\"", StringComparison.Ordinal))), Unauthorized, InvalidToken, "token.unsupported_alg"),
        new("token header with a lone surrogate member", t => Valid(t, token: TokenWithHeader(t, h => Prepend(h, "\"\\udc00\":1,"))), Unauthorized, InvalidToken, "token.malformed"),
        new("token header with invalid UTF-8", t =>
        {
            var (h, p, s) = Jws.Split(t.Token);
            return Valid(t, token: Jws.B64(WithInvalidUtf8(h)) + "." + Jws.B64(p) + "." + s);
        }, Unauthorized, InvalidToken, "token.malformed"),
        new("token of garbage base64url", t => Valid(t, token: "!!!$$.%%%%.^^^^"), Unauthorized, InvalidToken, "token.malformed"),
        new("oversized token", t => Valid(t, token: new string('a', 9000) + ".b.c"), Unauthorized, InvalidToken, "token.too_large"),
        new("token with a duplicate sub, signed by the issuer", t =>
        {
            var (_, p, _) = Jws.Split(t.Token);
            return Valid(t, token: ForgedToken(t, payload: Jws.Utf8(Prepend(p, "\"sub\":\"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK\","))));
        }, Unauthorized, InvalidToken, "token.malformed", NeedsIssuerKey: true),
    ];

    /// <summary>Row names for a theory's MemberData.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var row in All) data.Add(row.Name);
        return data;
    }

    public static AdversarialRow Get(string name) => All.Single(r => r.Name == name);
}
