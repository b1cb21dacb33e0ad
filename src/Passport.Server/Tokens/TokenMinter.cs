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
        keys.Issuer.Issue(ClaimsOf(record, jkt, audience));

    /// <summary>A delegation token: the principal's identity, bound to the actor's key, with <c>act</c>, <c>scope</c> and <c>grant_id</c>.</summary>
    public string IssueDelegation(PassportRecord principal, PassportRecord actor, string actorJkt, IReadOnlyList<string> scope, string grantId, string audience) =>
        keys.Issuer.Issue(ClaimsOf(principal, actorJkt, audience) with
        {
            Actor = new PassportActor(actor.Did, actor.Handle),
            Scope = scope,
            GrantId = grantId,
        });

    private PassportTokenClaims ClaimsOf(PassportRecord subject, string jkt, string audience) => new()
    {
        Issuer = options.Value.IssuerOrigin,
        Audience = audience,
        Subject = subject.Did,
        JwtId = Guid.NewGuid().ToString(),
        IssuedAt = time.GetUtcNow().ToUnixTimeSeconds(),
        Jkt = jkt,
        Handle = subject.Handle,
        Status = subject.Status,
        Name = subject.Name,
    };
}
