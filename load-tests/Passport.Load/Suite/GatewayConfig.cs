namespace Passport.Load.Suite;

/// <summary>The gateway's command-line configuration for each gateway scenario (the same route as the other proxies).</summary>
public static class GatewayConfig
{
    /// <summary>The scope the delegation route requires.</summary>
    public const string DelegationScope = "read:orders";

    /// <summary>Command-line <c>--Key=Value</c> settings for scenario <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> Create(string name, string publicOrigin, string issuer, string upstreamUrl, string? redis)
    {
        List<string> args =
        [
            "--Passport:Issuer=" + issuer,
            "--Passport:PublicOrigin=" + publicOrigin,
            "--ReverseProxy:Routes:upstream:ClusterId=upstream",
            "--ReverseProxy:Routes:upstream:Match:Path=/{**catch-all}",
            "--ReverseProxy:Clusters:upstream:Destinations:upstream:Address=" + upstreamUrl,
        ];
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

        if (name == TargetNames.GatewayDelegation)
        {
            args.Add("--ReverseProxy:Routes:upstream:Metadata:Passport.Scopes=" + DelegationScope);
        }

        return args;
    }
}
