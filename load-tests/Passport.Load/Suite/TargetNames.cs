namespace Passport.Load.Suite;

/// <summary>The scenarios of issue 8, by the name used in reports and on the command line.</summary>
public static class TargetNames
{
    /// <summary>(1) The upstream itself, no proxy.</summary>
    public const string Direct = "direct";

    /// <summary>(2) YARP with the same route config, no authentication.</summary>
    public const string BareYarp = "bare-yarp";

    /// <summary>(3) YARP + Microsoft JwtBearer, plain ES256 bearer tokens.</summary>
    public const string YarpJwtBearer = "yarp-jwtbearer";

    /// <summary>(4) The gateway, in-memory replay store.</summary>
    public const string GatewayMemory = "gateway-memory";

    /// <summary>(5) The gateway, Redis replay store (and Redis revocation source).</summary>
    public const string GatewayRedis = "gateway-redis";

    /// <summary>(6) The gateway on a delegation route with a scope check.</summary>
    public const string GatewayDelegation = "gateway-delegation";

    /// <summary>(7) 90 % valid / 10 % invalid requests; every invalid one must be refused.</summary>
    public const string GatewayMix = "gateway-mix";

    /// <summary>
    /// (9, issue 15) The gateway, in-memory replay store, with an agent of another authorization server: an ES256 access
    /// token from a <c>Passport:Issuers</c> entry, bound to a P-256 key, and ES256 DPoP proofs.
    /// </summary>
    public const string GatewayEs256 = "gateway-es256";

    /// <summary>(8) A revocation published mid-run: time until every request of that agent is refused.</summary>
    public const string GatewayRevocation = "gateway-revocation";

    /// <summary>Every scenario, in issue order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Direct, BareYarp, YarpJwtBearer, GatewayMemory, GatewayRedis, GatewayDelegation, GatewayMix, GatewayEs256, GatewayRevocation];

    /// <summary>True for scenarios that need src/Passport.Gateway.Host (the gateway executable).</summary>
    public static bool NeedsGateway(string name) => name.StartsWith("gateway-", StringComparison.Ordinal);

    /// <summary>True for scenarios that need redis-server.</summary>
    public static bool NeedsRedis(string name) => name is GatewayRedis or GatewayRevocation;
}
