using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Passport.Core.Tokens;

namespace Passport.Agent.Tests.Host;

public sealed partial class FakePassportServer
{
    public sealed record GrantBody(string? Actor, string[]? Scope);
    public sealed record ExchangeBody(string? Principal, string[]? Scope, string? Aud);

    private void MapDelegation(WebApplication app)
    {
        app.MapPost("/api/delegations", (GrantBody body, HttpContext context) =>
        {
            var (claims, refusal, _) = Authenticate(context, IssuerMetadata, requireNonce: false);
            if (refusal is not null)
            {
                return refusal;
            }
            if (claims!.IsDelegation)
            {
                return Problem(403, "delegation.not_transitive", "A delegation token cannot grant.");
            }
            lock (_lock)
            {
                if (body.Actor is null || !_records.ContainsKey(body.Actor))
                {
                    return Problem(404, "handle.unknown", "Unknown actor handle.");
                }
                var grant = new GrantState(Guid.NewGuid().ToString("N")[..12], claims.Handle!, body.Actor, body.Scope ?? []);
                _grants[grant.Id] = grant;
                return Results.Json(ToJson(grant), statusCode: 201);
            }
        });
        app.MapGet("/api/delegations", (HttpContext context) =>
        {
            var (claims, refusal, _) = Authenticate(context, IssuerMetadata, requireNonce: false);
            if (refusal is not null)
            {
                return refusal;
            }
            lock (_lock)
            {
                return Results.Json(new { items = _grants.Values.Where(g => g.Principal == claims!.Handle || g.Actor == claims.Handle).Select(ToJson).ToArray() });
            }
        });
        app.MapDelete("/api/delegations/{id}", (string id, HttpContext context) =>
        {
            var (claims, refusal, _) = Authenticate(context, IssuerMetadata, requireNonce: false);
            if (refusal is not null)
            {
                return refusal;
            }
            lock (_lock)
            {
                if (!_grants.TryGetValue(id, out var grant) || grant.Principal != claims!.Handle)
                {
                    return Problem(404, "delegation.unknown", "No such grant of yours.");
                }
                grant.Status = "REVOKED";
                return Results.NoContent();
            }
        });
        app.MapPost("/auth/token/exchange", (ExchangeBody body, HttpContext context) =>
        {
            var (claims, refusal, _) = Authenticate(context, IssuerMetadata, requireNonce: false);
            if (refusal is not null)
            {
                return refusal;
            }
            if (claims!.IsDelegation)
            {
                return Problem(403, "delegation.not_transitive", "A delegation token cannot be exchanged.");
            }
            lock (_lock)
            {
                var grant = _grants.Values.FirstOrDefault(g => g.Principal == body.Principal && g.Actor == claims.Handle && g.Status == "ACTIVE");
                if (grant is null)
                {
                    return Problem(403, "delegation.no_grant", "No active grant from this principal.");
                }
                var scope = body.Scope ?? grant.Scope;
                if (scope.Except(grant.Scope).Any())
                {
                    return Problem(403, "invalid_scope", "A requested scope is not granted.");
                }
                var principal = _records[grant.Principal];
                var token = IssueToken(principal, body.Aud ?? Issuer, claims.Jkt, new PassportActor(claims.Subject, claims.Handle), scope, grant.Id);
                return Results.Json(new { token, access_token = token, token_type = "DPoP", scope, grant_id = grant.Id });
            }
        });
    }

    private static object ToJson(GrantState grant) =>
        new { id = grant.Id, principal = grant.Principal, actor = grant.Actor, scope = grant.Scope, status = grant.Status, createdAt = DateTimeOffset.UtcNow };
}
