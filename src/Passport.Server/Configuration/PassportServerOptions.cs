namespace Passport.Server.Configuration;

/// <summary>The <c>Passport</c> configuration section of the identity provider.</summary>
public sealed class PassportServerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Passport";

    /// <summary>Public origin of the IdP, e.g. <c>https://passport.example.com</c>; the <c>iss</c> of tokens and the base of every URL in documents. Required.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>
    /// IP addresses or CIDR ranges of the proxies (ingress, load balancer) in front of the IdP. From them, and only from them,
    /// <c>X-Forwarded-For</c> names the client address that rate limits count. Default none.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>
    /// Resource servers (token <c>aud</c> values) the IdP issues tokens for, besides itself: origins or resource prefixes
    /// (absolute http(s), no query or fragment), each also allowing any resource below it at a path boundary (RFC 8707).
    /// Default none.
    /// </summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>Folder for the SQLite database, the generated signing key and the dev outbox. Default <c>./.data</c>.</summary>
    public string DataDirectory { get; set; } = "./.data";

    /// <summary>Storage settings.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>Token-signing key settings.</summary>
    public SigningKeyOptions SigningKey { get; set; } = new();

    /// <summary>Redis settings: revocation publishing and the shared replay store.</summary>
    public RedisOptions Redis { get; set; } = new();

    /// <summary>When true, mails are kept in the dev outbox and <c>GET /dev/outbox</c> is served. Default: true in Development.</summary>
    public bool? DevOutbox { get; set; }

    /// <summary>SMTP settings; when <see cref="SmtpOptions.Host"/> is set, mails are sent by SMTP.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Per-client-address rate limiting of register, challenge, token and claim, and per-DID limiting of challenge and token.</summary>
    public RateLimitingOptions RateLimiting { get; set; } = new();

    /// <summary>Lifetime of a challenge nonce, in seconds. Default 300.</summary>
    public int ChallengeTtlSeconds { get; set; } = 300;

    /// <summary>Lifetime of a claim token, in hours. Default 24.</summary>
    public int ClaimTokenTtlHours { get; set; } = 24;

    /// <summary>Lifetime of an owner-action link, in minutes. Default 15.</summary>
    public int OwnerLinkTtlMinutes { get; set; } = 15;

    /// <summary>The owner console at <c>/owner</c>: sign-in links and sessions (docs/owner.md).</summary>
    public OwnerConsoleOptions OwnerConsole { get; set; } = new();

    /// <summary>How far a DPoP proof <c>iat</c> may be from now, in seconds. Default 60.</summary>
    public int ProofWindowSeconds { get; set; } = 60;

    /// <summary>The issuer without a trailing slash.</summary>
    internal string IssuerOrigin => Issuer.TrimEnd('/');

    /// <summary>An absolute URL on the issuer.</summary>
    internal string Url(string path) => IssuerOrigin + path;
}

/// <summary>Where records, challenges, links, delegations and revocation events are stored.</summary>
public sealed class StorageOptions
{
    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>ADO.NET connection string; for SQLite the default is a file <c>passport.db</c> in the data folder. Required for Postgres.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>The IdP's Ed25519 token-signing key.</summary>
public sealed class SigningKeyOptions
{
    /// <summary>File holding the private JWK; default <c>&lt;DataDirectory&gt;/signing-key.jwk</c>, generated (0600) when absent. Env <c>PASSPORT_SIGNING_KEY</c> (the JWK itself) takes precedence.</summary>
    public string? Path { get; set; }

    /// <summary>The <c>kid</c> of the current key. Default <c>passport-v1</c>.</summary>
    public string KeyId { get; set; } = "passport-v1";

    /// <summary>Optional file with the next key (private or public JWK), published in the JWKS during a rollover.</summary>
    public string? NextKeyPath { get; set; }

    /// <summary>The <c>kid</c> of the next key. Default <c>passport-v2</c>.</summary>
    public string NextKeyId { get; set; } = "passport-v2";

    /// <summary>
    /// Optional file with the previous key (private or public JWK) after a promotion: still published in the JWKS, never
    /// used to sign, so the tokens it signed keep verifying until it is removed (docs/operations.md, IdP signing-key rotation).
    /// </summary>
    public string? PreviousKeyPath { get; set; }

    /// <summary>The <c>kid</c> of the previous key; required with <see cref="PreviousKeyPath"/> (the <c>kid</c> it had when it signed).</summary>
    public string? PreviousKeyId { get; set; }
}

/// <summary>Redis, for publishing revocation events to gateways and for the replay store shared by IdP replicas.</summary>
public sealed class RedisOptions
{
    /// <summary>StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>; when empty, publishing is off and replay is in memory.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key and channel. Default <c>passport:</c>.</summary>
    public string KeyPrefix { get; set; } = "passport:";

    /// <summary>How often unpublished events are re-published, in seconds. Default 5.</summary>
    public int RepublishIntervalSeconds { get; set; } = 5;
}

/// <summary>SMTP delivery of owner mails through MailKit (docs/server.md, Mail).</summary>
public sealed class SmtpOptions
{
    /// <summary>SMTP host; SMTP is used when set, the dev outbox otherwise.</summary>
    public string? Host { get; set; }

    /// <summary>SMTP port. Default 25.</summary>
    public int Port { get; set; } = 25;

    /// <summary>
    /// Transport security: <c>Auto</c> (default: port 465 → <c>SslOnConnect</c>; port 25 without <see cref="UserName"/> →
    /// STARTTLS when the server offers it; any other case → <c>StartTls</c>, required), <c>None</c>, <c>StartTls</c>
    /// (required; the mail is not sent without it) or <c>SslOnConnect</c> (implicit TLS, RFC 8314).
    /// </summary>
    public string Security { get; set; } = "Auto";

    /// <summary>The From address. Default <c>passport@localhost</c>.</summary>
    public string From { get; set; } = "passport@localhost";

    /// <summary>Optional user name (SMTP AUTH); the password is then required.</summary>
    public string? UserName { get; set; }

    /// <summary>Optional password; never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Timeout of each SMTP connect and command, in seconds (1–600). Default 30.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Optional PEM or DER file of a certificate that the SMTP server's TLS certificate must chain to (a private CA,
    /// or the server's own self-signed certificate); the host name is checked either way. Default: the system trust store.
    /// </summary>
    public string? ServerCertificatePath { get; set; }
}

/// <summary>Fixed-window rate limits: per client address, and per DID.</summary>
public sealed class RateLimitingOptions
{
    /// <summary>Requests per minute per client address on register, challenge, token, claim and owner requests. Default 60.</summary>
    public int PermitsPerMinute { get; set; } = 60;

    /// <summary>Requests per minute per DID on each of challenge and token, whatever address they come from. Default 10.</summary>
    public int PermitsPerMinutePerDid { get; set; } = 10;
}

/// <summary>The owner console at <c>/owner</c> (docs/owner.md).</summary>
public sealed class OwnerConsoleOptions
{
    /// <summary>Lifetime of an emailed sign-in link, in minutes. Default 15.</summary>
    public int SignInLinkTtlMinutes { get; set; } = 15;

    /// <summary>A session ends after this many minutes without a request (sliding). Default 30.</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>A session ends this many hours after sign-in, however active. Default 12.</summary>
    public int AbsoluteLifetimeHours { get; set; } = 12;
}
