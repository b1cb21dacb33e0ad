using Microsoft.Extensions.Options;
using Passport.Core.Tokens;
using Passport.Server.Configuration;
using Passport.Server.Signing;
using Passport.Server.Storage;

namespace Passport.Server.Tokens;

/// <summary>Builds and signs the access tokens of seeds/004: self-identity tokens and delegation tokens (with <c>act</c>, <c>scope</c>, <c>grant_id</c>).</summary>
internal sealed class TokenMinter(ServerSigningKeys keys, IOptions<PassportServerOptions> options, TimeProvider time)
{
    public string IssueSelf(PassportRecord record, string jkt, string audience) =>
        keys.Issuer.Issue(new PassportTokenClaims
        {
            Issuer = options.Value.IssuerOrigin,
            Audience = audience,
            Subject = record.Did,
            JwtId = Guid.NewGuid().ToString(),
            IssuedAt = time.GetUtcNow().ToUnixTimeSeconds(),
            Jkt = jkt,
            Handle = record.Handle,
            Status = record.Status,
            Name = record.Name,
        });

    public string IssueDelegation(PassportRecord principal, PassportRecord actor, string actorJkt, IReadOnlyList<string> scope, string grantId, string audience) =>
        keys.Issuer.Issue(new PassportTokenClaims
        {
            Issuer = options.Value.IssuerOrigin,
            Audience = audience,
            Subject = principal.Did,
            JwtId = Guid.NewGuid().ToString(),
            IssuedAt = time.GetUtcNow().ToUnixTimeSeconds(),
            Jkt = actorJkt,
            Handle = principal.Handle,
            Status = principal.Status,
            Name = principal.Name,
            Actor = new PassportActor(actor.Did, actor.Handle),
            Scope = scope,
            GrantId = grantId,
        });
}
