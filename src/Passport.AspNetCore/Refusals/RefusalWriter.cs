using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Passport.AspNetCore.Resources;
using Passport.Core.Protocol;

namespace Passport.AspNetCore.Refusals;

/// <summary>
/// Writes every refusal: status, <c>WWW-Authenticate</c> (RFC 6750 §3, RFC 9449 §7.1, RFC 9728 §5.1 <c>resource_metadata</c>),
/// <c>Retry-After</c> for 503, <c>DPoP-Nonce</c> when a nonce is required, and an RFC 9457 problem+json body. The one place they are built.
/// </summary>
public sealed class RefusalWriter
{
    private readonly string _resourceMetadata;
    private readonly string _retryAfter;

    /// <summary>A writer whose challenges point at <paramref name="resourceMetadataUrl"/> (RFC 9728) and whose 503s ask for a retry after <paramref name="retryAfterSeconds"/>.</summary>
    public RefusalWriter(string resourceMetadataUrl, int retryAfterSeconds)
    {
        _resourceMetadata = resourceMetadataUrl;
        _retryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Writes <paramref name="refusal"/> unless the response has started; challenges in the client's <paramref name="scheme"/>.
    /// With no usable credentials, two challenges (RFC 9110 §11.6.1): <c>Bearer</c> first, because MCP and other stock
    /// clients read only the first challenge for <c>resource_metadata</c> and <c>scope</c>, then <c>DPoP</c> with <c>algs</c>
    /// (RFC 9449 §7.1). <paramref name="resource"/> (the request's protected resource, when the host knows it) supplies the
    /// metadata URL and the scopes a 401 names.
    /// </summary>
    public Task WriteAsync(HttpContext context, Refusal refusal, ClientScheme scheme, string? nonce, PassportResource? resource = null)
    {
        var response = context.Response;
        if (response.HasStarted) return Task.CompletedTask;
        response.StatusCode = refusal.Status;
        response.Headers.CacheControl = "no-store";
        if (refusal.IsUnavailable)
        {
            response.Headers.RetryAfter = _retryAfter;
        }
        else if (scheme == ClientScheme.None)
        {
            response.Headers.WWWAuthenticate = new[] { Challenge(refusal, ClientScheme.Bearer, resource), Challenge(refusal, ClientScheme.Dpop, resource) };
        }
        else
        {
            response.Headers.WWWAuthenticate = Challenge(refusal, scheme, resource);
        }
        if (nonce is not null && refusal.Error == RefusalCatalog.UseDpopNonce) response.Headers[DpopConstants.NonceHeaderName] = nonce;
        response.ContentType = MediaTypes.ProblemJson;
        return response.Body.WriteAsync(Problem(refusal, context.Request.Path)).AsTask();
    }

    /// <summary>The <c>WWW-Authenticate</c> value of <paramref name="refusal"/> in <paramref name="scheme"/>, for <paramref name="resource"/> (null: the scheme's own).</summary>
    public string Challenge(Refusal refusal, ClientScheme scheme, PassportResource? resource = null)
    {
        var builder = new StringBuilder(256);
        builder.Append(scheme == ClientScheme.Bearer ? "Bearer" : DpopConstants.Scheme).Append(" realm=\"passport\"");
        if (scheme != ClientScheme.Bearer) builder.Append(", algs=\"").Append(DpopAlgorithms).Append('"');
        if (refusal.Error is not null)
        {
            builder.Append(", error=\"").Append(refusal.Error).Append('"');
            builder.Append(", error_description=\"").Append(Quote(refusal.Detail)).Append('"');
        }
        // RFC 6750 §3: scope names what the resource needs; a 401 without an error (no credentials) names the route's.
        var scope = refusal.Scope ?? (refusal.Status == StatusCodes.Status401Unauthorized ? resource?.Scope : null);
        if (!string.IsNullOrEmpty(scope)) builder.Append(", scope=\"").Append(Quote(scope)).Append('"');
        builder.Append(", resource_metadata=\"").Append(resource?.MetadataUrl ?? _resourceMetadata).Append('"');
        return builder.ToString();
    }

    /// <summary>The DPoP proof algorithms the scheme verifies (RFC 9449 §7.1 <c>algs</c>): both names of Ed25519 (RFC 9864).</summary>
    private static readonly string DpopAlgorithms = string.Join(' ', JoseAlgorithms.Ed25519Names);

    private static byte[] Problem(Refusal refusal, PathString path)
    {
        using var stream = new MemoryStream(512);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("type", refusal.Type);
            writer.WriteString("title", Title(refusal.Status));
            writer.WriteNumber("status", refusal.Status);
            writer.WriteString("detail", refusal.Detail);
            writer.WriteString("code", refusal.Code);
            writer.WriteString("instance", path.HasValue ? path.Value : "/");
            if (refusal.Scope is not null) writer.WriteString("scope", refusal.Scope);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static string Title(int status) => status switch
    {
        401 => "Unauthorized",
        403 => "Forbidden",
        503 => "Service Unavailable",
        _ => "Refused",
    };

    // RFC 7235 quoted-string: no DQUOTE or backslash in our texts, and only visible ASCII.
    private static string Quote(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c == '"') chars[i] = '\'';
            else if (c == '\\' || c < 0x20 || c > 0x7e) chars[i] = ' ';
        }
        return new string(chars);
    }
}
