using Microsoft.Extensions.Options;
using Passport.Server.Configuration;
using Passport.Server.Problems;

namespace Passport.Server.Tokens;

/// <summary>The <c>aud</c> allow-list (RFC 8707): the issuer itself or one of <c>Passport:Audiences</c>; omitted = the issuer.</summary>
internal sealed class AudiencePolicy(IOptions<PassportServerOptions> options)
{
    public string Resolve(string? requested)
    {
        var issuer = options.Value.IssuerOrigin;
        if (requested is null) return issuer;
        var trimmed = requested.TrimEnd('/');
        if (trimmed == issuer) return issuer;
        foreach (var allowed in options.Value.Audiences)
        {
            if (allowed.TrimEnd('/') == trimmed) return allowed;
        }
        throw ApiProblem.BadRequest(ProblemCodes.InvalidTarget, "aud is not a resource server this IdP issues tokens for (see Passport:Audiences); omit it to get a token for the IdP itself.");
    }
}
