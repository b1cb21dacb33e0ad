using Microsoft.AspNetCore.Http;

namespace Passport.AspNetCore.Resources;

/// <summary>
/// Tells the <c>Passport</c> scheme which protected resource a request addresses, when one host serves several (the
/// gateway: one per route). Optional: without one, every request addresses the scheme's own resource (its
/// <see cref="PassportAuthenticationOptions.PublicOrigin"/>, metadata at <see cref="PassportAuthenticationOptions.ResourceMetadataUrl"/>).
/// </summary>
/// <remarks>
/// With a resolver, a token is accepted when its <c>aud</c> is one of <see cref="PassportAuthenticationOptions.Audiences"/>
/// or exactly the resolved <see cref="PassportResource.Resource"/> (RFC 8707 audience restriction per resource); anything
/// else is 401 <c>token.invalid_audience</c>.
/// </remarks>
public interface IPassportResourceResolver
{
    /// <summary>The resource <paramref name="context"/> addresses, or null for the scheme's default. Called on refusals and once per authenticated request; must not allocate on the hot path.</summary>
    PassportResource? Resolve(HttpContext context);
}
