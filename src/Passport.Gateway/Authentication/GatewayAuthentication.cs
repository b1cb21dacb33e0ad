namespace Passport.Gateway.Authentication;

/// <summary>The gateway's authorization policy name; the scheme itself is the package's <c>Passport</c> scheme.</summary>
internal static class GatewayAuthentication
{
    /// <summary>The authorization policy applied to every proxied route that does not name another one.</summary>
    public const string Policy = "passport";
}
