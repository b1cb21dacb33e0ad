using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Passport.Core.Tokens;

namespace Passport.Agent.Tests.Host;

public sealed partial class FakePassportServer
{
    public sealed record OwnerRequestBody(string? Handle, string? Action, string? NewDid, string? Actor, string[]? Scope);
    public sealed record ApprovalProofBody(string? Nonce, string? Signature);
    public sealed record OwnerApproveBody(string? Token, ApprovalProofBody? Proof);

    private void MapOwner(WebApplication app)
    {
        app.MapPost("/auth/owner/request", (OwnerRequestBody body) =>
        {
            lock (_lock)
            {
                if (body.Handle is null || !_records.TryGetValue(body.Handle, out var record))
                {
                    return Problem(404, "handle.unknown", "Unknown handle.");
                }
                if (record.Status != PassportStatus.Claimed || record.OwnerEmail is null)
                {
                    return Problem(409, "owner.not_claimed", "The record has no confirmed owner.");
                }
                if (body.Action is not ("rotate" or "revoke" or "delegate") || (body.Action == "rotate" && !IsDid(body.NewDid)))
                {
                    return Problem(400, "owner.invalid_action", "Unknown action or missing newDid.");
                }
                if (body.Action == "rotate")
                {
                    record.PendingDid = body.NewDid;
                }
                var token = NewSecret();
                _ownerLinks[token] = new OwnerLinkState(record.Handle, body.Action, body.NewDid, body.Actor, body.Scope);
                Send(record.OwnerEmail, $"Approve {body.Action} of {record.Handle}", $"{Issuer}/owner/approve?token={token}");
                return Results.Json(new { status = "sent" }, statusCode: 202);
            }
        });

        app.MapPost("/auth/owner/approve", (OwnerApproveBody body) =>
        {
            lock (_lock)
            {
                if (body.Token is null || !_ownerLinks.TryGetValue(body.Token, out var link))
                {
                    return Problem(400, "owner_link.unknown", "Unknown owner link.");
                }
                if (link.Used)
                {
                    return Problem(400, "owner_link.used", "This link was already used.");
                }
                var record = _records[link.Handle];
                if (link.Action == "rotate")
                {
                    if (body.Proof is null)
                    {
                        return Problem(400, "owner.proof_required", "Rotation needs the new key's proof.");
                    }
                    if (!ConsumeChallenge(link.NewDid, body.Proof.Nonce, body.Proof.Signature, out var refusal))
                    {
                        return refusal!;
                    }
                    record.Did = link.NewDid!;
                    record.PendingDid = null;
                }
                else if (link.Action == "revoke")
                {
                    record.Status = PassportStatus.Revoked;
                }
                link.Used = true;
                return Results.Json(new { action = link.Action, handle = record.Handle, status = record.Status, did = record.Did });
            }
        });

        app.MapGet("/dev/outbox", () => Results.Json(new { messages = Outbox }));
    }

    private void MapResource(WebApplication app)
    {
        app.MapMethods("/resource/{**rest}", ["GET", "POST", "PUT", "DELETE", "PATCH"], async (HttpContext context) =>
        {
            var (claims, refusal, token) = Authenticate(context, Issuer + "/.well-known/oauth-protected-resource/resource", RequireResourceNonce);
            if (refusal is not null)
            {
                return refusal;
            }
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            var proof = CompactJwsPeek.Payload(context.Request.Headers["DPoP"].ToString());
            var scheme = context.Request.Headers.Authorization.ToString().Split(' ')[0];
            ResourceRequests.Enqueue(new SeenRequest(context.Request.Method, context.Request.Path, scheme,
                proof.GetProperty("jti").GetString(), proof.TryGetProperty("ath", out var ath) ? ath.GetString() : null,
                proof.TryGetProperty("nonce", out var nonce) ? nonce.GetString() : null, token!, body.Length == 0 ? null : body));
            return Results.Json(new
            {
                method = context.Request.Method,
                path = context.Request.Path.Value,
                body,
                sub = claims!.Subject,
                handle = claims.Handle,
                actor = claims.Actor?.Handle,
                scope = claims.Scope,
            });
        });
    }
}
