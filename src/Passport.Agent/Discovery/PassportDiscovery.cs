namespace Passport.Agent;

/// <summary>
/// Where a Passport IdP's endpoints are, from its RFC 8414 metadata (members that are absent fall back to the
/// seeds/004 paths relative to the issuer), and — when discovery started at a resource — the resource's
/// identifier from its RFC 9728 metadata, which is the <c>aud</c> to request.
/// </summary>
public sealed record PassportDiscovery
{
    /// <summary>The protected resource's identifier (RFC 9728 <c>resource</c>): the audience for its tokens. Null when discovery started at the issuer.</summary>
    public string? Resource { get; init; }

    /// <summary>The IdP's issuer identifier.</summary>
    public required string Issuer { get; init; }

    /// <summary><c>token_endpoint</c> (<c>/auth/token</c>).</summary>
    public required Uri TokenEndpoint { get; init; }

    /// <summary><c>registration_endpoint</c> (<c>/auth/register</c>).</summary>
    public required Uri RegistrationEndpoint { get; init; }

    /// <summary><c>challenge_endpoint</c> (<c>/auth/challenge</c>).</summary>
    public required Uri ChallengeEndpoint { get; init; }

    /// <summary><c>claim_endpoint</c> (<c>/auth/claim</c>).</summary>
    public required Uri ClaimEndpoint { get; init; }

    /// <summary><c>jwks_uri</c> (<c>/.well-known/jwks.json</c>).</summary>
    public required Uri JwksUri { get; init; }

    /// <summary><c>delegation_endpoint</c> (<c>/api/delegations</c>).</summary>
    public required Uri DelegationEndpoint { get; init; }

    /// <summary><c>token_exchange_endpoint</c> (<c>/auth/token/exchange</c>).</summary>
    public required Uri TokenExchangeEndpoint { get; init; }

    /// <summary><c>revocation_feed_endpoint</c> (<c>/api/revocations</c>).</summary>
    public required Uri RevocationFeedEndpoint { get; init; }

    /// <summary>The identity endpoint <c>/me</c>.</summary>
    public required Uri MeEndpoint { get; init; }

    /// <summary>The owner-action request endpoint <c>/auth/owner/request</c>.</summary>
    public required Uri OwnerRequestEndpoint { get; init; }

    /// <summary>The owner-action approval endpoint <c>/auth/owner/approve</c>.</summary>
    public required Uri OwnerApproveEndpoint { get; init; }

    /// <summary>The development outbox <c>/dev/outbox</c> (exists only on a development IdP).</summary>
    public required Uri DevOutboxEndpoint { get; init; }

    /// <summary><c>dpop_signing_alg_values_supported</c>; seeds/004 says <c>EdDSA</c>.</summary>
    public IReadOnlyList<string> DpopSigningAlgorithms { get; init; } = ["EdDSA"];

    /// <summary>The resource's <c>resource_documentation</c> (e.g. <c>/auth.md</c>), when published.</summary>
    public Uri? ResourceDocumentation { get; init; }

    /// <summary>True when the AS metadata document was found; false when every endpoint is the seeds/004 default.</summary>
    public bool FromMetadata { get; init; }

    /// <summary>The audience to request: the resource when known, else the issuer.</summary>
    public string Audience => Resource ?? Issuer;
}
