using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Passport.Core.Dpop;

namespace Passport.Agent;

/// <summary>
/// The agent side of Passport (seeds/004 and docs/api-contract.md) over an <see cref="HttpClient"/>: discovery,
/// registration, challenge + DPoP-bound token, claim, <c>/me</c>, delegation and owner actions. Every call is async
/// and cancellable; server errors become <see cref="PassportApiException"/>. Tokens and keys are never logged.
/// </summary>
public sealed partial class PassportClient
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private const int MaxResponseLength = 1024 * 1024;
    private readonly HttpClient _http;
    private readonly PassportClientOptions _options;
    private readonly DpopNonceCache _nonces = new();
    private readonly ConcurrentDictionary<string, PassportAccessToken> _tokens = new(StringComparer.Ordinal);
    private AgentIdentity? _identity;
    private DpopProofFactory? _proofs;

    /// <summary>Creates a client. <paramref name="identity"/> may be null for calls that need no key (discovery, claim, outbox).</summary>
    public PassportClient(HttpClient http, AgentIdentity? identity = null, PassportClientOptions? options = null)
    {
        _http = http;
        _options = options ?? new PassportClientOptions();
        Identity = identity;
    }

    /// <summary>The agent identity used to sign; replaced by <see cref="RotateAsync"/>.</summary>
    public AgentIdentity? Identity
    {
        get => _identity;
        set
        {
            _identity = value;
            _proofs = value is null ? null : new DpopProofFactory(value.KeyPair, _options.TimeProvider);
            _tokens.Clear();
        }
    }

    /// <summary>The IdP endpoints, once discovered (or set by the caller).</summary>
    public PassportDiscovery? Discovery { get; set; }

    private AgentIdentity RequireIdentity() => _identity ?? throw new PassportAgentException(AgentErrorCodes.IdentityNotFound,
        "This call needs an agent identity; create one with `passport keygen` or pass an AgentIdentity to PassportClient.");

    private DpopProofFactory Proofs => _proofs ?? new DpopProofFactory(RequireIdentity().KeyPair, _options.TimeProvider);

    private async Task<PassportDiscovery> EnsureDiscoveryAsync(CancellationToken cancellationToken)
    {
        if (Discovery is not null)
        {
            return Discovery;
        }
        var issuer = _identity?.Issuer ?? throw new PassportAgentException(AgentErrorCodes.IssuerUnknown,
            "No Passport issuer is known: discover one first (DiscoverAsync / DiscoverIssuerAsync, or `passport register --issuer URL`).");
        return await DiscoverIssuerAsync(new Uri(issuer), cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> PostJsonAsync<T>(Uri uri, object body, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(uri, body, Json, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> GetJsonAsync<T>(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var body = await ResponseBody.ReadAsync(response, MaxResponseLength, cancellationToken).ConfigureAwait(false)
            ?? throw InvalidResponse(response, "the body is too large");
        try
        {
            // The serializer turns ill-formed strings into JsonException for string members; records holding a
            // JsonElement would keep them, so the body is checked as a whole first.
            Passport.Shared.WellFormedJson.Validate(body);
            var value = JsonSerializer.Deserialize<T>(body, Json);
            return value ?? throw InvalidResponse(response, "the body is empty");
        }
        catch (JsonException)
        {
            throw InvalidResponse(response, "the body is not the JSON the contract describes");
        }
    }

    internal static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemResponse.ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static PassportAgentException InvalidResponse(HttpResponseMessage response, string reason) =>
        new(AgentErrorCodes.ResponseInvalid, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {reason}.");
}
