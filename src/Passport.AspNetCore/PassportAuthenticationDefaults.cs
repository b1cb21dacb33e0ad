using Passport.Core.Protocol;
namespace Passport.AspNetCore;

/// <summary>Default names of the Passport authentication scheme.</summary>
public static class PassportAuthenticationDefaults
{
    /// <summary>The authentication scheme name: <c>Passport</c>.</summary>
    public const string AuthenticationScheme = "Passport";

    /// <summary>The display name of the scheme.</summary>
    public const string DisplayName = "Passport (access token + DPoP proof)";

    /// <summary>The path of the RFC 9728 protected resource metadata, under the public origin.</summary>
    public const string ResourceMetadataPath = WellKnownPaths.ProtectedResource;
}
