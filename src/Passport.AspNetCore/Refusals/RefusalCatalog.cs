using Passport.Core.Dpop;
using Passport.Core.Protocol;
using Passport.Core.Tokens;

namespace Passport.AspNetCore.Refusals;

/// <summary>
/// The closed catalogue of refusals: every code the Passport scheme can answer with (in the gateway, the IdP and any API
/// using <c>AddPassport</c>), each mapped to one HTTP status, one RFC 6750/9449 challenge <c>error</c> and one problem
/// <c>type</c>. Hosts refuse only with these instances (<see cref="All"/>); a test checks that no code has two meanings.
/// </summary>
public static class RefusalCatalog
{
    /// <summary>RFC 6750 <c>invalid_request</c>.</summary>
    public const string InvalidRequest = OAuthErrors.InvalidRequest;
    /// <summary>RFC 6750 <c>invalid_token</c>.</summary>
    public const string InvalidToken = OAuthErrors.InvalidToken;
    /// <summary>RFC 6750 <c>insufficient_scope</c>.</summary>
    public const string InsufficientScope = OAuthErrors.InsufficientScope;
    /// <summary>RFC 9449 <c>invalid_dpop_proof</c>.</summary>
    public const string InvalidDpopProof = OAuthErrors.InvalidDpopProof;
    /// <summary>RFC 9449 <c>use_dpop_nonce</c>.</summary>
    public const string UseDpopNonce = OAuthErrors.UseDpopNonce;

    /// <summary>No Authorization and no DPoP header: a plain challenge without <c>error</c> (RFC 6750 §3.1).</summary>
    public static readonly Refusal CredentialsMissing = new(401, null, "credentials.missing",
        "This resource requires a Passport access token (Authorization: DPoP <token> or Bearer <token>) and a DPoP proof.");
    /// <summary>More than one Authorization header.</summary>
    public static readonly Refusal AuthorizationDuplicated = new(401, InvalidRequest, "credentials.duplicate_authorization",
        "Send exactly one Authorization header.");
    /// <summary>Authorization with another scheme or without a token.</summary>
    public static readonly Refusal AuthorizationMalformed = new(401, InvalidRequest, "credentials.malformed_authorization",
        "The Authorization header must be 'DPoP <token>' or 'Bearer <token>'.");
    /// <summary>A DPoP header without a token: Core's <see cref="TokenErrorCode.Missing"/>, one code with one text.</summary>
    public static readonly Refusal TokenMissing = new(401, InvalidRequest, TokenErrors.Code(TokenErrorCode.Missing), TokenErrors.Describe(TokenErrorCode.Missing));
    /// <summary>More than one DPoP header (RFC 9449 §4.3 step 1).</summary>
    public static readonly Refusal DpopDuplicated = new(401, InvalidDpopProof, "dpop.duplicate",
        "Send exactly one DPoP header with one proof.");
    /// <summary>The (jkt, jti) pair was seen before.</summary>
    public static readonly Refusal Replayed = new(401, InvalidDpopProof, "dpop.replayed",
        "This DPoP proof was already used; create a fresh proof (new jti) for every request.");
    /// <summary>
    /// The proof was issued before the replay store's floor (its memory began after a restart, epoch + iat window): it may
    /// have been accepted before, and cannot be checked.
    /// </summary>
    public static readonly Refusal BeforeReplayFloor = new(401, InvalidDpopProof, "dpop.before_replay_floor",
        "The replay store restarted; proofs issued before it plus the iat window cannot be checked. Retry shortly with a fresh proof (new jti, current iat).");
    /// <summary>The record behind the token is revoked.</summary>
    public static readonly Refusal Revoked = new(403, InvalidToken, "passport.revoked",
        "The Passport record behind this token is revoked; no token of it is accepted.");
    /// <summary>The delegation grant behind the token is revoked.</summary>
    public static readonly Refusal GrantRevoked = new(403, InvalidToken, "grant.revoked",
        "The delegation grant behind this token is revoked.");
    /// <summary>No Passport record has the token's DID (and it was not rotated away).</summary>
    public static readonly Refusal Unknown = new(401, InvalidToken, "passport.unknown",
        "No Passport record has the DID of this token.");
    /// <summary>The token's DID was rotated away.</summary>
    public static readonly Refusal Rotated = new(401, InvalidToken, "passport.rotated",
        "The DID of this token was rotated; obtain a new token with the current key.");
    /// <summary>A delegation token on a route that refuses delegation.</summary>
    public static readonly Refusal DelegationNotAllowed = new(403, InsufficientScope, "delegation.not_allowed",
        "This route does not accept delegation tokens; call it with the principal's own token.");
    /// <summary>An unclaimed record on a CLAIMED-only route.</summary>
    public static readonly Refusal NotClaimed = new(403, InsufficientScope, "passport.not_claimed",
        "This route requires a Passport record claimed by its owner (status CLAIMED).");
    /// <summary>The replay store cannot be reached: fail closed.</summary>
    public static readonly Refusal ReplayUnavailable = new(503, null, "replay.unavailable",
        "The replay store is unreachable; the proof cannot be checked. Retry with a fresh proof.");
    /// <summary>The revocation source is not current: fail closed.</summary>
    public static readonly Refusal RevocationUnavailable = new(503, null, "revocation.unavailable",
        "The revocation list is not current; the request cannot be checked. Retry later.");
    /// <summary>The token's issuer (a gateway <c>Passport:Issuers</c> entry, or the Passport IdP) is not on the route's <c>Passport:Issuers</c> list.</summary>
    public static readonly Refusal IssuerNotAllowed = new(403, InvalidToken, "issuer.not_allowed",
        "This route does not accept tokens from this token's issuer; obtain a token from an issuer the route lists.");
    /// <summary>The issuer's metadata names another issuer or no JWKS (RFC 8414 §3.3): none of its tokens is accepted.</summary>
    public static readonly Refusal IssuerMetadataInvalid = new(401, InvalidToken, "issuer.metadata_invalid",
        "The metadata of this token's issuer does not name the configured issuer (RFC 8414 §3.3); its tokens are refused until it does.");
    /// <summary>No JWKS has ever been loaded.</summary>
    public static readonly Refusal JwksUnavailable = new(503, null, "jwks.unavailable",
        "The issuer's signing keys are not loaded yet. Retry later.");

    private static readonly Refusal[] TokenRefusals = Enum.GetValues<TokenErrorCode>()
        .Select(e => new Refusal(401, e == TokenErrorCode.Missing ? InvalidRequest : InvalidToken, TokenErrors.Code(e), TokenErrors.Describe(e))).ToArray();

    private static readonly Refusal[] DpopRefusals = Enum.GetValues<DpopErrorCode>()
        .Select(e => new Refusal(401, e == DpopErrorCode.NonceRequired ? UseDpopNonce : InvalidDpopProof, DpopErrors.Code(e), DpopErrors.Describe(e))).ToArray();

    /// <summary>The refusal of a failed token check.</summary>
    public static Refusal ForToken(TokenErrorCode error) => (int)error < TokenRefusals.Length ? TokenRefusals[(int)error] : TokenRefusals[(int)TokenErrorCode.Malformed];

    /// <summary>The refusal of a failed proof check.</summary>
    public static Refusal ForProof(DpopErrorCode error) => (int)error < DpopRefusals.Length ? DpopRefusals[(int)error] : DpopRefusals[(int)DpopErrorCode.Malformed];

    /// <summary>The code of <see cref="MissingScope"/>.</summary>
    public const string MissingScopeCode = "scope.insufficient";

    /// <summary>A route requires scopes the token does not carry.</summary>
    public static Refusal MissingScope(string requiredScopes) => new(403, InsufficientScope, MissingScopeCode,
        $"This route requires the scope(s) '{requiredScopes}'.", requiredScopes);

    /// <summary>
    /// Every refusal of the catalogue: the named ones, one per token and proof error, and <see cref="MissingScope"/>
    /// (its text varies with the route; its code, status and error do not).
    /// </summary>
    public static IReadOnlyList<Refusal> All { get; } =
    [
        .. typeof(RefusalCatalog).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(Refusal)).Select(f => (Refusal)f.GetValue(null)!),
        .. TokenRefusals.Where(r => r.Code != TokenErrors.Code(TokenErrorCode.None)),
        .. DpopRefusals.Where(r => r.Code != DpopErrors.Code(DpopErrorCode.None)),
        MissingScope(""),
    ];
}
