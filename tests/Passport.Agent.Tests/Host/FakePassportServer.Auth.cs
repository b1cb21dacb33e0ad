using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Passport.Core.Dpop;
using Passport.Core.Identity;
using Passport.Core.Keys;
using Passport.Core.Tokens;

namespace Passport.Agent.Tests.Host;

public sealed partial class FakePassportServer
{
    public sealed record RegisterBody(string? Did, string? OwnerEmail, string? Name);
    public sealed record DidBody(string? Did);
    public sealed record TokenBody(string? Did, string? Nonce, string? Signature, string? Aud);
    public sealed record TokenBodyCheck(string? Token);

    private void MapAuth(WebApplication app)
    {
        app.MapPost("/auth/register", (RegisterBody body) =>
        {
            if (!DidKey.TryParse(body.Did, out var did, out var error))
            {
                return Problem(400, error!.Code, error.Message);
            }
            lock (_lock)
            {
                if (FindByDid(did!.Value) is not null)
                {
                    return Problem(409, "did.already_registered", "This DID is already registered.");
                }
                var record = new AgentRecord { Handle = Handle.Generate(), Did = did.Value, Status = PassportStatus.Unclaimed, Name = body.Name, OwnerEmail = body.OwnerEmail };
                _records[record.Handle] = record;
                if (body.OwnerEmail is not null)
                {
                    var claim = NewSecret();
                    _claimTokens[claim] = record.Handle;
                    Send(body.OwnerEmail, "Claim your agent", $"{Issuer}/claim?token={claim}");
                }
                return Results.Json(new { handle = record.Handle, did = record.Did, status = record.Status, name = record.Name, createdAt = DateTimeOffset.UtcNow }, statusCode: 201);
            }
        });

        app.MapPost("/auth/challenge", (DidBody body) =>
        {
            lock (_lock)
            {
                if (!IsDid(body.Did) || (FindByDid(body.Did!) is null && !_records.Values.Any(r => r.PendingDid == body.Did)))
                {
                    return Problem(404, "did.unknown", "No record has this DID.");
                }
                var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
                _challenges[nonce] = (body.Did!, false);
                return Results.Json(new { nonce, expiresAt = DateTimeOffset.UtcNow.AddMinutes(5) });
            }
        });

        app.MapPost("/auth/token", (TokenBody body, HttpContext context) =>
        {
            var proof = _proofs.Validate(new DpopProofContext(context.Request.Headers["DPoP"].ToString(), "POST", RequestUri(context.Request)));
            if (!proof.Succeeded)
            {
                return Problem(400, proof.Code, proof.Description);
            }
            lock (_lock)
            {
                if (!ConsumeChallenge(body.Did, body.Nonce, body.Signature, out var refusal))
                {
                    return refusal!;
                }
                var record = FindByDid(body.Did!);
                if (record is null || record.Status == PassportStatus.Revoked)
                {
                    return Problem(403, "passport.revoked", "The record is revoked or unknown.");
                }
                if (DidKey.Parse(body.Did).Thumbprint != proof.Jkt)
                {
                    return Problem(400, "dpop.jkt_mismatch", "The proof key is not the DID's key.");
                }
                var audience = body.Aud ?? Issuer;
                if (audience != Issuer && audience != ResourceAudience)
                {
                    return Problem(400, "invalid_target", "The audience is not allowed.");
                }
                var token = IssueToken(record, audience, proof.Jkt!, null, null, null);
                return Results.Json(new { token, access_token = token, token_type = "DPoP" });
            }
        });

        app.MapPost("/auth/claim", (TokenBodyCheck body) =>
        {
            lock (_lock)
            {
                if (body.Token is null || !_claimTokens.Remove(body.Token, out var handle))
                {
                    return Problem(400, "claim.unknown", "Unknown or used claim token.");
                }
                var record = _records[handle];
                record.Status = PassportStatus.Claimed;
                return Results.Json(new { handle, did = record.Did, status = record.Status });
            }
        });

        app.MapGet("/me", (HttpContext context) =>
        {
            var (claims, refusal, _) = Authenticate(context, IssuerMetadata, requireNonce: false);
            if (refusal is not null)
            {
                return refusal;
            }
            lock (_lock)
            {
                var record = _records[claims!.Handle!];
                return Results.Json(new { did = record.Did, handle = record.Handle, status = record.Status, name = record.Name });
            }
        });
    }

    private bool ConsumeChallenge(string? did, string? nonce, string? signature, out IResult? refusal)
    {
        refusal = null;
        if (nonce is null || !_challenges.TryGetValue(nonce, out var challenge) || challenge.Used || challenge.Did != did)
        {
            refusal = Problem(400, "challenge.unknown", "Unknown or used challenge nonce.");
            return false;
        }
        _challenges[nonce] = (challenge.Did, true);
        var signatureBytes = new byte[66];
        if (signature is null || !Passport.Core.Encoding.Base64UrlEncoding.TryDecode(signature.AsSpan(), signatureBytes, out var written)
            || !Ed25519Verifier.Verify(DidKey.Parse(did).PublicKey, Convert.FromHexString(nonce), signatureBytes.AsSpan(0, written)))
        {
            refusal = Problem(400, "challenge.invalid_signature", "The signature over the nonce does not verify.");
            return false;
        }
        return true;
    }

    private string IssueToken(AgentRecord subject, string audience, string jkt, PassportActor? actor, string[]? scope, string? grantId)
    {
        var jti = Guid.NewGuid().ToString();
        var serial = Interlocked.Increment(ref _tokensIssued);
        _tokenSerials[jti] = serial;
        return _issuer.Issue(new PassportTokenClaims
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = subject.Did,
            JwtId = jti,
            IssuedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Jkt = jkt,
            Handle = subject.Handle,
            Status = subject.Status,
            Name = subject.Name,
            Actor = actor,
            Scope = scope,
            GrantId = grantId,
        });
    }
}
