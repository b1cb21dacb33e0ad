using Passport.Load.Auth;
using Passport.Load.Http;

namespace Passport.Load.Suite;

/// <summary>
/// The step of each scenario. Every scenario sends the same request, <c>GET /orders</c>, to its target. The
/// direct and bare-YARP scenarios carry the same Authorization + DPoP header bytes as the gateway scenarios (not
/// checked there), so only the work done on them differs; JwtBearer gets a plain ES256 <c>Bearer</c> token.
/// </summary>
public sealed class ScenarioCatalog(ILoadHttp http, IdpStub idp, EcdsaBearerTokens bearerTokens)
{
    /// <summary>The request path of every scenario.</summary>
    public const string Path = "/orders";

    /// <summary>The scenario <paramref name="name"/> against <paramref name="target"/>.</summary>
    public Scenario Create(string name, RunningTarget target, TimeSpan measuredDuration)
    {
        var uri = new Uri(target.BaseUri, Path);
        var audience = target.BaseUri.GetLeftPart(UriPartial.Authority);
        switch (name)
        {
            case TargetNames.Direct:
            case TargetNames.BareYarp:
                {
                    using var agent = Agent.Create(idp, audience, "load-plain");
                    var proof = agent.Proofs(uri.ToString()).Take();
                    return Plain(name, uri, agent.Authorization, proof,
                        name == TargetNames.Direct ? "samples/LegacyApi directly, no proxy" : "YARP 2.3.0, same route config, no authentication");
                }

            case TargetNames.YarpJwtBearer:
                {
                    var token = bearerTokens.Issue(TargetLauncher.BearerIssuer, TargetLauncher.BearerAudience, "load-agent", TimeSpan.FromHours(2));
                    return Plain(name, uri, "Bearer " + token, null, "YARP + Microsoft JwtBearer, ES256 bearer token verified on every request (no proof, no replay store)");
                }

            case TargetNames.GatewayMemory:
            case TargetNames.GatewayRedis:
                {
                    var agent = Agent.Create(idp, audience, "load-agent");
                    return GatewaySteps.Valid(name, http, uri, agent, measuredDuration,
                        name == TargetNames.GatewayMemory ? "Passport gateway, fresh DPoP proof per request, in-memory replay store" : "Passport gateway, fresh DPoP proof per request, Redis replay store + Redis revocation source");
                }

            case TargetNames.GatewayDelegation:
                {
                    using var principal = Agent.Create(idp, audience, "load-principal");
                    var actor = Agent.CreateDelegated(idp, audience, principal, "load-actor", [GatewayConfig.DelegationScope]);
                    return GatewaySteps.Valid(name, http, uri, actor, measuredDuration,
                        $"Passport gateway, delegation token (act + scope) on a route requiring scope {GatewayConfig.DelegationScope}");
                }

            case TargetNames.GatewayMix:
                return GatewaySteps.Mix(name, http, uri, Agent.Create(idp, audience, "load-agent"), Agent.Create(idp, audience, "load-intruder"), measuredDuration);

            case TargetNames.GatewayEs256:
                {
                    var agent = new Es256Agent(idp.Es256, audience, "load-es256-agent");
                    return GatewaySteps.Valid(name, http, uri, agent.Proofs(uri.ToString()), agent.Authorization, measuredDuration,
                        "Passport gateway, in-memory replay store; agent of another authorization server: ES256 token (Passport:Issuers entry) bound to a P-256 key, fresh ES256 DPoP proof per request");
                }

            case TargetNames.GatewayRevocation:
                return RevocationScenario.Create(name, http, uri, Agent.Create(idp, audience, "load-revoked"), target.Redis?.ConnectionString
                    ?? throw new InvalidOperationException("The revocation scenario needs Redis."), measuredDuration);

            default:
                throw new ArgumentException($"Unknown scenario '{name}'; expected one of: {string.Join(", ", TargetNames.All)}.", nameof(name));
        }
    }

    private Scenario Plain(string name, Uri uri, string authorization, string? dpop, string description) =>
        new(name, async (_, ct) =>
        {
            var status = await http.GetAsync(uri, authorization, dpop, ct).ConfigureAwait(false);
            return new StepResult(status == 200, status);
        })
        {
            Description = description,
        };
}
