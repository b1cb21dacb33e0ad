using Passport.Load.Auth;

namespace Passport.Load.Suite;

/// <summary>
/// The gateway's command-line configuration for the gateway scenarios. The routes are spelled out — the same three
/// as the gateway's defaults file and as the comparison hosts (load-tests/Passport.Load.Targets/ProxyRoutes.cs) —
/// so the run does not depend on what the defaults file says; the cluster points at the runner's upstream.
/// </summary>
public static class GatewayConfig
{
    /// <summary>The scope <c>GET /orders</c> requires of delegation tokens (route <c>orders-read</c>).</summary>
    public const string DelegationScope = "read:orders";

    /// <summary>
    /// Command-line <c>--Key=Value</c> settings; <paramref name="redis"/> selects Redis replay + revocation;
    /// <paramref name="es256"/> adds that authorization server as <c>Passport:Issuers:0</c> (ES256 tokens, explicit
    /// <c>JwksUri</c>, audiences and <c>RequireDpop</c> at their defaults: the gateway's audience, bound tokens only).
    /// </summary>
    public static IReadOnlyList<string> Create(string publicOrigin, string issuer, string upstreamUrl, string? redis, Es256Issuer? es256 = null)
    {
        List<string> args =
        [
            "--Passport:Issuer=" + issuer,
            "--Passport:PublicOrigin=" + publicOrigin,
            "--ReverseProxy:Routes:orders-read:ClusterId=legacy",
            "--ReverseProxy:Routes:orders-read:Match:Path=/orders/{**rest}",
            "--ReverseProxy:Routes:orders-read:Match:Methods:0=GET",
            "--ReverseProxy:Routes:orders-read:Metadata:Passport:Scopes=" + DelegationScope,
            "--ReverseProxy:Routes:orders-write:ClusterId=legacy",
            "--ReverseProxy:Routes:orders-write:Match:Path=/orders/{**rest}",
            "--ReverseProxy:Routes:orders-write:Match:Methods:0=POST",
            "--ReverseProxy:Routes:orders-write:Match:Methods:1=PUT",
            "--ReverseProxy:Routes:orders-write:Match:Methods:2=PATCH",
            "--ReverseProxy:Routes:orders-write:Match:Methods:3=DELETE",
            "--ReverseProxy:Routes:orders-write:Metadata:Passport:Scopes=write:orders",
            "--ReverseProxy:Routes:everything:ClusterId=legacy",
            "--ReverseProxy:Routes:everything:Match:Path=/{**catch-all}",
            "--ReverseProxy:Clusters:legacy:Destinations:legacy-api:Address=" + upstreamUrl,
        ];
        if (es256 is not null)
        {
            args.Add("--Passport:Issuers:0:Name=" + Es256Issuer.Name);
            args.Add("--Passport:Issuers:0:Issuer=" + es256.Issuer);
            args.Add("--Passport:Issuers:0:JwksUri=" + es256.JwksUri);
            args.Add("--Passport:Issuers:0:Algorithms:0=ES256");
        }

        if (redis is not null)
        {
            args.Add("--Passport:Redis:Configuration=" + redis);
            args.Add("--Passport:Replay:Store=Redis");
            args.Add("--Passport:Revocation:Source=Redis");
        }
        else
        {
            args.Add("--Passport:Replay:Store=Memory");
            args.Add("--Passport:Revocation:Source=Feed");
        }

        return args;
    }
}
