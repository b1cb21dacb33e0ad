using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
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

    /// <summary>Writes <paramref name="refusal"/> unless the response has started; challenges in the client's <paramref name="scheme"/> (both when none).</summary>
    public Task WriteAsync(HttpContext context, Refusal refusal, ClientScheme scheme, string? nonce)
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
            response.Headers.WWWAuthenticate = new[] { Challenge(refusal, ClientScheme.Dpop), Challenge(refusal, ClientScheme.Bearer) };
        }
        else
        {
            response.Headers.WWWAuthenticate = Challenge(refusal, scheme);
        }
        if (nonce is not null && refusal.Error == RefusalCatalog.UseDpopNonce) response.Headers[DpopConstants.NonceHeaderName] = nonce;
        response.ContentType = MediaTypes.ProblemJson;
        return response.Body.WriteAsync(Problem(refusal, context.Request.Path)).AsTask();
    }

    /// <summary>The <c>WWW-Authenticate</c> value of <paramref name="refusal"/> in <paramref name="scheme"/>.</summary>
    public string Challenge(Refusal refusal, ClientScheme scheme)
    {
        var builder = new StringBuilder(256);
        builder.Append(scheme == ClientScheme.Bearer ? "Bearer" : DpopConstants.Scheme).Append(" realm=\"passport\"");
        if (scheme != ClientScheme.Bearer) builder.Append(", algs=\"EdDSA\"");
        if (refusal.Error is not null)
        {
            builder.Append(", error=\"").Append(refusal.Error).Append('"');
            builder.Append(", error_description=\"").Append(Quote(refusal.Detail)).Append('"');
        }
        if (refusal.Scope is not null) builder.Append(", scope=\"").Append(Quote(refusal.Scope)).Append('"');
        builder.Append(", resource_metadata=\"").Append(_resourceMetadata).Append('"');
        return builder.ToString();
    }

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
