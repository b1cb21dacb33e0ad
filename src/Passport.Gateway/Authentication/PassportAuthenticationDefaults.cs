namespace Passport.Gateway.Authentication;

/// <summary>Names of the Passport authentication scheme and authorization policy.</summary>
public static class PassportAuthenticationDefaults
{
    /// <summary>The authentication scheme name.</summary>
    public const string Scheme = "Passport";

    /// <summary>The authorization policy applied to every proxied route that does not name another one.</summary>
    public const string Policy = "passport";
}
