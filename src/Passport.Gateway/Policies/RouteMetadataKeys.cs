namespace Passport.Gateway.Policies;

/// <summary>The YARP route <c>Metadata</c> keys the gateway reads (docs/routes.md).</summary>
public static class RouteMetadataKeys
{
    /// <summary>Scopes the route requires, separated by spaces or commas; all are required.</summary>
    public const string Scopes = "Passport:Scopes";
    /// <summary><c>true</c>: self-identity tokens must also carry the scopes (default false: they pass).</summary>
    public const string SelfScopes = "Passport:SelfScopes";
    /// <summary><c>true</c>: only CLAIMED records (default false).</summary>
    public const string RequireClaimed = "Passport:RequireClaimed";
    /// <summary><c>false</c>: delegation tokens are refused (default true).</summary>
    public const string AllowDelegation = "Passport:AllowDelegation";
    /// <summary><c>true</c>: the route is open; inbound identity headers are still stripped (default false).</summary>
    public const string Anonymous = "Passport:Anonymous";
    /// <summary><c>true</c>: Authorization and DPoP are forwarded upstream (default false: dropped).</summary>
    public const string ForwardCredentials = "Passport:ForwardCredentials";
    /// <summary>
    /// The route's protected resource (RFC 9728, RFC 8707): an absolute http(s) URL without query or fragment. Default: the
    /// public origin + the literal prefix of the route's <c>Match.Path</c> (<c>/mcp/{**rest}</c> → <c>https://gw/mcp</c>).
    /// </summary>
    public const string Resource = "Passport:Resource";
    /// <summary>
    /// <c>true</c>: a long-lived stream (SSE, WebSocket) may stay idle up to <c>Passport:Streaming:ActivityTimeout</c>
    /// instead of the cluster's YARP activity timeout (default false).
    /// </summary>
    public const string Streaming = "Passport:Streaming";

    /// <summary>
    /// The issuers whose tokens the route accepts: names separated by commas, <c>passport</c> for the Passport IdP and each
    /// <c>Passport:Issuers</c> entry's <c>Name</c>. Default (absent): the IdP and every configured issuer.
    /// </summary>
    public const string Issuers = "Passport:Issuers";
}
