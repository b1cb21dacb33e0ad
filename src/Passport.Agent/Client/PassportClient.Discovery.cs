using System.Net;
using System.Text.Json;
using Passport.Core.Protocol;

namespace Passport.Agent;

public sealed partial class PassportClient
{
    private const int MaxMetadataLength = 64 * 1024;

    /// <summary>
    /// Discovers from a protected resource: requests <paramref name="resourceUrl"/> without credentials, follows the
    /// 401's <c>WWW-Authenticate</c> <c>resource_metadata</c> (or the RFC 9728 well-known location when absent) to the
    /// protected-resource metadata, then its first <c>authorization_servers</c> entry to the RFC 8414 metadata.
    /// Sets <see cref="Discovery"/>; <see cref="PassportDiscovery.Resource"/> is the audience to request.
    /// </summary>
    /// <exception cref="PassportAgentException"><c>discovery.failed</c> or <c>discovery.issuer_mismatch</c>.</exception>
    public async Task<PassportDiscovery> DiscoverAsync(Uri resourceUrl, CancellationToken cancellationToken = default)
    {
        Uri metadataUri;
        using (var response = await _http.GetAsync(resourceUrl, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
        {
            var pointer = WwwAuthenticateChallenge.FromResponse(response).Select(c => c.ResourceMetadata).FirstOrDefault(m => m is not null);
            if (pointer is not null && Uri.TryCreate(resourceUrl, pointer, out var fromHeader))
            {
                metadataUri = fromHeader;
            }
            else if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                metadataUri = WellKnownUris.For(new Uri(resourceUrl.GetLeftPart(UriPartial.Authority)), WellKnownUris.ProtectedResource);
            }
            else
            {
                throw new PassportAgentException(AgentErrorCodes.DiscoveryFailed,
                    $"{resourceUrl} answered {(int)response.StatusCode} without a WWW-Authenticate resource_metadata; it does not look protected by Passport.");
            }
        }
        using var prm = await GetMetadataAsync(metadataUri, "protected-resource metadata (RFC 9728)", cancellationToken).ConfigureAwait(false);
        var root = prm.RootElement;
        var resource = MetadataReader.String(root, "resource");
        var issuer = MetadataReader.Strings(root, "authorization_servers").FirstOrDefault()
            ?? throw new PassportAgentException(AgentErrorCodes.DiscoveryFailed, $"{metadataUri} lists no authorization_servers.");
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri))
        {
            throw new PassportAgentException(AgentErrorCodes.DiscoveryFailed, $"{metadataUri} names an authorization server that is not an absolute URL.");
        }
        var discovery = await DiscoverIssuerCoreAsync(issuerUri, cancellationToken).ConfigureAwait(false) with
        {
            Resource = resource,
            ResourceDocumentation = MetadataReader.AbsoluteUri(root, "resource_documentation"),
        };
        Discovery = discovery;
        return discovery;
    }

    /// <summary>Discovers from an issuer URL (RFC 8414). Members absent from the metadata fall back to the seeds/004 paths. Sets <see cref="Discovery"/>.</summary>
    /// <exception cref="PassportAgentException"><c>discovery.failed</c> or <c>discovery.issuer_mismatch</c>.</exception>
    public async Task<PassportDiscovery> DiscoverIssuerAsync(Uri issuerUrl, CancellationToken cancellationToken = default)
    {
        var discovery = await DiscoverIssuerCoreAsync(issuerUrl, cancellationToken).ConfigureAwait(false);
        Discovery = discovery;
        return discovery;
    }

    private async Task<PassportDiscovery> DiscoverIssuerCoreAsync(Uri issuerUrl, CancellationToken cancellationToken)
    {
        var metadataUri = WellKnownUris.For(issuerUrl, WellKnownUris.AuthorizationServer);
        using var response = await _http.GetAsync(metadataUri, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return Defaults(issuerUrl, issuerUrl.AbsoluteUri.TrimEnd('/'), default, fromMetadata: false);
        }
        using var metadata = await ParseMetadataAsync(response, metadataUri, "authorization-server metadata (RFC 8414)", cancellationToken).ConfigureAwait(false);
        var root = metadata.RootElement;
        var issuer = MetadataReader.String(root, "issuer")
            ?? throw new PassportAgentException(AgentErrorCodes.DiscoveryFailed, $"{metadataUri} has no \"issuer\".");
        if (!MetadataReader.SameIssuer(issuer, issuerUrl.AbsoluteUri))
        {
            throw new PassportAgentException(AgentErrorCodes.DiscoveryIssuerMismatch,
                $"{metadataUri} says issuer \"{issuer}\" but was fetched for \"{issuerUrl}\" (RFC 8414 §3.3 requires them to match).");
        }
        return Defaults(issuerUrl, issuer, root, fromMetadata: true);
    }

    private static PassportDiscovery Defaults(Uri issuerUrl, string issuer, JsonElement root, bool fromMetadata)
    {
        Uri Member(string name, string fallbackPath) =>
            (fromMetadata ? MetadataReader.AbsoluteUri(root, name) : null) ?? WellKnownUris.Relative(issuerUrl, fallbackPath);
        var algorithms = fromMetadata ? MetadataReader.Strings(root, "dpop_signing_alg_values_supported") : [];
        return new PassportDiscovery
        {
            Issuer = issuer,
            TokenEndpoint = Member("token_endpoint", "/auth/token"),
            RegistrationEndpoint = Member("registration_endpoint", "/auth/register"),
            ChallengeEndpoint = Member("challenge_endpoint", "/auth/challenge"),
            ClaimEndpoint = Member("claim_endpoint", "/auth/claim"),
            JwksUri = Member("jwks_uri", WellKnownPaths.Jwks),
            DelegationEndpoint = Member("delegation_endpoint", "/api/delegations"),
            TokenExchangeEndpoint = Member("token_exchange_endpoint", "/auth/token/exchange"),
            RevocationFeedEndpoint = Member("revocation_feed_endpoint", "/api/revocations"),
            MeEndpoint = WellKnownUris.Relative(issuerUrl, "/me"),
            OwnerRequestEndpoint = WellKnownUris.Relative(issuerUrl, "/auth/owner/request"),
            OwnerApproveEndpoint = WellKnownUris.Relative(issuerUrl, "/auth/owner/approve"),
            DevOutboxEndpoint = WellKnownUris.Relative(issuerUrl, "/dev/outbox"),
            DpopSigningAlgorithms = algorithms.Count > 0 ? algorithms : ["EdDSA"],
            FromMetadata = fromMetadata,
        };
    }

    private async Task<JsonDocument> GetMetadataAsync(Uri uri, string what, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        return await ParseMetadataAsync(response, uri, what, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<JsonDocument> ParseMetadataAsync(HttpResponseMessage response, Uri uri, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new PassportAgentException(AgentErrorCodes.DiscoveryFailed, $"GET {uri} for the {what} answered {(int)response.StatusCode}.");
        }
        var body = await ResponseBody.ReadAsync(response, MaxMetadataLength, cancellationToken).ConfigureAwait(false);
        try
        {
            var document = body is null ? null : Passport.Shared.WellFormedJson.Parse(body);
            if (document?.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }
            document?.Dispose();
        }
        catch (JsonException)
        {
        }
        throw new PassportAgentException(AgentErrorCodes.DiscoveryFailed, $"GET {uri} did not return the {what} as a JSON object.");
    }
}
