namespace Passport.Gateway.Configuration;

/// <summary>The <c>Passport</c> configuration section of the gateway. Every member is documented with its default in docs/gateway.md.</summary>
public sealed class PassportGatewayOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Passport";

    /// <summary>The IdP's issuer URL: the exact <c>iss</c> accepted. Required.</summary>
    public string? Issuer { get; set; }

    /// <summary>The JWKS URL. Default <c>{Issuer}/.well-known/jwks.json</c>.</summary>
    public string? JwksUri { get; set; }

    /// <summary>Accepted <c>aud</c> values. Default: <see cref="PublicOrigin"/> alone.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>Other trusted authorization servers (docs/issuers.md). Default none: only the Passport IdP.</summary>
    public List<IssuerSettings> Issuers { get; set; } = [];

    /// <summary>The gateway's public origin (scheme, host, port), the base of every <c>htu</c>. Required.</summary>
    public string? PublicOrigin { get; set; }

    /// <summary>IP addresses or CIDR ranges whose <c>X-Forwarded-*</c> headers are honoured. Default none.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>DPoP proof policy.</summary>
    public DpopSettings Dpop { get; set; } = new();

    /// <summary>JWKS caching.</summary>
    public JwksSettings Jwks { get; set; } = new();

    /// <summary>Replay store.</summary>
    public ReplaySettings Replay { get; set; } = new();

    /// <summary>Redis connection shared by the replay store and the revocation cache.</summary>
    public RedisSettings Redis { get; set; } = new();

    /// <summary>Revocation source.</summary>
    public RevocationSettings Revocation { get; set; } = new();

    /// <summary>Verified-token cache.</summary>
    public TokenCacheSettings TokenCache { get; set; } = new();

    /// <summary>Identity headers sent upstream.</summary>
    public HeaderSettings Headers { get; set; } = new();

    /// <summary>Telemetry switches.</summary>
    public TelemetrySettings Telemetry { get; set; } = new();

    /// <summary>Long-lived streams on routes marked <c>Passport:Streaming=true</c> (docs/routes.md, Streaming).</summary>
    public StreamingSettings Streaming { get; set; } = new();

    /// <summary>The JWKS URL in effect.</summary>
    public string EffectiveJwksUri => string.IsNullOrWhiteSpace(JwksUri) ? $"{Issuer?.TrimEnd('/')}/.well-known/jwks.json" : JwksUri;

    /// <summary>The revocation feed URL in effect.</summary>
    public string EffectiveFeedUri => string.IsNullOrWhiteSpace(Revocation.FeedUri) ? $"{Issuer?.TrimEnd('/')}/api/revocations" : Revocation.FeedUri;

    /// <summary>The audiences in effect.</summary>
    public IReadOnlyList<string> EffectiveAudiences => Audiences.Count > 0 ? Audiences : PublicOrigin is null ? [] : [PublicOrigin.TrimEnd('/')];
}

/// <summary><c>Passport:Dpop</c>.</summary>
public sealed class DpopSettings
{
    /// <summary>How far a proof's <c>iat</c> may be from now, either way, in seconds. Default 60.</summary>
    public int IssuedAtWindowSeconds { get; set; } = 60;

    /// <summary>Require <c>ath</c> in every proof. Default false (checked when present).</summary>
    public bool RequireAth { get; set; }

    /// <summary>Largest proof accepted, in characters. Default 4096.</summary>
    public int MaxProofLength { get; set; } = 4096;

    /// <summary>Server-provided nonces (RFC 9449 §8).</summary>
    public NonceSettings Nonce { get; set; } = new();
}

/// <summary><c>Passport:Dpop:Nonce</c>.</summary>
public sealed class NonceSettings
{
    /// <summary>Require a gateway-issued nonce in every proof. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>How often the nonce changes, in seconds; the previous one stays valid one more period. Default 300.</summary>
    public int RotationSeconds { get; set; } = 300;
}

/// <summary><c>Passport:Jwks</c>.</summary>
public sealed class JwksSettings
{
    /// <summary>Periodic refresh interval, in seconds. Default 300.</summary>
    public int RefreshSeconds { get; set; } = 300;

    /// <summary>Least time between two refetches triggered by an unknown <c>kid</c>, in seconds. Default 10.</summary>
    public int MinRefetchIntervalSeconds { get; set; } = 10;
}

/// <summary><c>Passport:Replay</c>.</summary>
public sealed class ReplaySettings
{
    /// <summary><c>Memory</c> (default, one instance) or <c>Redis</c> (shared by replicas).</summary>
    public string Store { get; set; } = "Memory";

    /// <summary>Most (jkt, jti) pairs the memory store holds. Default 1,000,000.</summary>
    public int MaxEntries { get; set; } = 1_000_000;

    /// <summary>
    /// Redis store only: <c>Fast</c> (default: the primary's acknowledgement of <c>SET NX</c>) or <c>Replicated</c>
    /// (then <c>WAIT 1</c>: refuse with 503 unless a replica acknowledges within <see cref="ReplicationTimeoutMilliseconds"/>).
    /// </summary>
    public string Durability { get; set; } = "Fast";

    /// <summary>
    /// Replay floor: when true, a proof issued before the replay store's epoch (Redis: when its memory began, shared by
    /// every gateway; memory: process start) plus the <c>iat</c> window is refused with 401 <c>dpop.before_replay_floor</c>,
    /// so no proof is accepted twice across a restart. Default false.
    /// </summary>
    public bool Floor { get; set; }

    /// <summary>How long <c>Replicated</c> durability waits for a replica's acknowledgement, in milliseconds. Default 50.</summary>
    public int ReplicationTimeoutMilliseconds { get; set; } = 50;
}

/// <summary><c>Passport:Redis</c>.</summary>
public sealed class RedisSettings
{
    /// <summary>StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>. Required when a Redis store or source is chosen.</summary>
    public string? Configuration { get; set; }

    /// <summary>Key and channel prefix. Default <c>passport:</c>. No <c>{</c> or <c>}</c>: a hash tag would put every replay key in one Redis Cluster slot.</summary>
    public string KeyPrefix { get; set; } = "passport:";

    /// <summary>Seconds a client is asked to wait (<c>Retry-After</c>) when Redis is unreachable. Default 1.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}

/// <summary><c>Passport:Revocation</c>.</summary>
public sealed class RevocationSettings
{
    /// <summary><c>Feed</c> (default: poll the IdP), <c>Redis</c> (sets + pub/sub) or <c>None</c>.</summary>
    public string Source { get; set; } = "Feed";

    /// <summary>The feed URL. Default <c>{Issuer}/api/revocations</c>.</summary>
    public string? FeedUri { get; set; }

    /// <summary>Feed polling interval, in milliseconds. Default 500.</summary>
    public int PollIntervalMilliseconds { get; set; } = 500;

    /// <summary>How long the gateway keeps serving after the source was last confirmed current, in seconds; beyond it requests get 503. Default 30.</summary>
    public int MaxStalenessSeconds { get; set; } = 30;
}

/// <summary><c>Passport:TokenCache</c>.</summary>
public sealed class TokenCacheSettings
{
    /// <summary>Most verified tokens kept. Default 10,000.</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>A token unused this long, in seconds, is evicted. Default 600.</summary>
    public int IdleSeconds { get; set; } = 600;
}

/// <summary><c>Passport:Headers</c>.</summary>
public sealed class HeaderSettings
{
    /// <summary>Prefix of identity headers; inbound headers with it are always removed. Default <c>X-Passport-</c>.</summary>
    public string Prefix { get; set; } = "X-Passport-";
}

/// <summary><c>Passport:Telemetry</c>.</summary>
public sealed class TelemetrySettings
{
    /// <summary>Also write traces and metrics to the console exporter. Default false.</summary>
    public bool Console { get; set; }
}

/// <summary><c>Passport:Streaming</c>.</summary>
public sealed class StreamingSettings
{
    /// <summary>
    /// How long a proxied request on a <c>Passport:Streaming=true</c> route may stay idle (no byte either way) before YARP
    /// cuts it, in seconds; used instead of the cluster's <c>HttpRequest:ActivityTimeout</c> when longer. Default 3600 (1 hour).
    /// </summary>
    public int ActivityTimeoutSeconds { get; set; } = 3600;
}
