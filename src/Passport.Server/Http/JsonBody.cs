using System.Text.Json;
using Passport.Server.Problems;
using Passport.Shared;

namespace Passport.Server.Http;

/// <summary>
/// Reads a request body defensively: JSON media type (415 otherwise), at most <see cref="MaxBytes"/>, a JSON object
/// with bounded depth whose every
/// string is well-formed Unicode (400 <c>request.malformed_json</c> otherwise: field readers never meet a string
/// that throws when read). Fields are read with <see cref="JsonFields"/>.
/// </summary>
internal static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<JsonDocument> ReadObjectAsync(HttpRequest request)
    {
        if (!IsJson(request.ContentType))
        {
            throw new ApiProblem(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType,
                "The request body must be JSON (Content-Type: application/json).");
        }
        if (request.ContentLength > MaxBytes)
        {
            throw new ApiProblem(StatusCodes.Status413PayloadTooLarge, ProblemCodes.BodyTooLarge, "The request body is larger than the 64 KB allowed.");
        }
        JsonDocument document;
        try
        {
            document = await WellFormedJson.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 8 }, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            throw ApiProblem.BadRequest(ProblemCodes.MalformedJson, "The request body is not valid JSON.");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw ApiProblem.BadRequest(ProblemCodes.MalformedJson, "The request body must be a JSON object.");
        }
        return document;
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return false;
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
