using Microsoft.AspNetCore.Http;
using Passport.Core.Dpop;
using Passport.Core.Tokens;

namespace Passport.Agent.Tests.Host;

public sealed partial class FakePassportServer
{
    private readonly DpopProofValidator _proofs = new();

    private string Challenge(string resourceMetadata, string? error = null) =>
        $"DPoP realm=\"passport\", algs=\"EdDSA\", resource_metadata=\"{resourceMetadata}\"" + (error is null ? "" : $", error=\"{error}\"");

    /// <summary>Verifies Authorization + DPoP as seeds/004 §4.3 does; returns the claims or the refusal to send.</summary>
    private (PassportTokenClaims? Claims, IResult? Refusal, string? Token) Authenticate(HttpContext context, string resourceMetadata, bool requireNonce)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var space = authorization.IndexOf(' ');
        if (space < 0)
        {
            return (null, Problem(401, "credentials.missing", "An access token is required.", Challenge(resourceMetadata), context), null);
        }
        var scheme = authorization[..space];
        var token = authorization[(space + 1)..];
        if (scheme is not ("DPoP" or "Bearer"))
        {
            return (null, Problem(401, "credentials.malformed_authorization", "Use the DPoP or Bearer scheme.", Challenge(resourceMetadata), context), null);
        }
        var validator = new PassportTokenValidator(new PassportTokenValidationOptions { Issuer = Issuer, Audiences = [Issuer, ResourceAudience] },
            JwksSigningKeys.FromKeys([(KeyId, _serverKey.PublicKey)]));
        var result = validator.Validate(token);
        if (!result.Succeeded || IsInvalidated(result.Claims!.JwtId))
        {
            return (null, Problem(401, "token.invalid", "The token is not valid.", Challenge(resourceMetadata, "invalid_token"), context), null);
        }
        var proof = _proofs.Validate(new DpopProofContext(context.Request.Headers["DPoP"].ToString(), context.Request.Method,
            RequestUri(context.Request), token, result.Claims.Jkt, requireNonce ? CurrentNonce : null));
        if (proof.Error == DpopErrorCode.NonceRequired)
        {
            context.Response.Headers["DPoP-Nonce"] = CurrentNonce;
            return (null, Problem(401, "dpop.use_nonce", "Use the server's DPoP nonce.", Challenge(resourceMetadata, "use_dpop_nonce"), context), null);
        }
        if (!proof.Succeeded)
        {
            return (null, Problem(401, proof.Code, proof.Description, Challenge(resourceMetadata, "invalid_dpop_proof"), context), null);
        }
        return (result.Claims, null, token);
    }

    private bool IsInvalidated(string jti)
    {
        lock (_lock)
        {
            return _tokenSerials.TryGetValue(jti, out var serial) && serial <= _invalidBefore;
        }
    }
}
