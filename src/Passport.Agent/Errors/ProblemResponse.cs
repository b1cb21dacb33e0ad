using System.Text.Json;

namespace Passport.Agent;

/// <summary>Turns an unsuccessful HTTP response into a <see cref="PassportApiException"/> (RFC 9457 problem+json when present).</summary>
internal static class ProblemResponse
{
    private const int MaxBodyLength = 64 * 1024;

    public static async Task<PassportApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var authenticateError = WwwAuthenticateChallenge.FindError(response);
        string? code = null, title = null, detail = null, type = null;
        var body = await ResponseBody.ReadAsync(response, MaxBodyLength, cancellationToken).ConfigureAwait(false);
        if (body is not null && LooksLikeJson(response, body))
        {
            try
            {
                using var document = Passport.Shared.WellFormedJson.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    code = ReadString(root, "code") ?? ReadString(root, "error");
                    title = ReadString(root, "title");
                    detail = ReadString(root, "detail") ?? ReadString(root, "error_description");
                    type = ReadString(root, "type");
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through to the status-based code.
            }
        }
        code ??= authenticateError ?? $"http.{status}";
        title ??= response.ReasonPhrase;
        return new PassportApiException(status, code, title, detail, type, authenticateError);
    }

    private static bool LooksLikeJson(HttpResponseMessage response, byte[] body)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        return mediaType is not null && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase)
            || body.AsSpan().TrimStart(" \t\r\n"u8).StartsWith("{"u8);
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
