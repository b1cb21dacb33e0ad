using System.Text.Json;
using Passport.AspNetCore.Refusals;
using Passport.Core.Protocol;

namespace Passport.Server.Problems;

/// <summary>Writes RFC 9457 <c>application/problem+json</c> bodies <c>{type, title, status, detail, code}</c>; <c>type</c> is <see cref="ProblemType.For"/> of the code, as in every Passport component.</summary>
internal static class ProblemWriter
{
    public const string ContentType = MediaTypes.ProblemJson;

    public static async Task WriteAsync(HttpContext context, int status, string code, string detail, string? wwwAuthenticate = null, string? oauthError = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        if (wwwAuthenticate is not null) response.Headers.WWWAuthenticate = wwwAuthenticate;
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteString("type", ProblemType.For(code));
        writer.WriteString("title", Title(status));
        writer.WriteNumber("status", status);
        writer.WriteString("detail", detail);
        writer.WriteString("code", code);
        if (oauthError is not null) writer.WriteString("error", oauthError);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private static string Title(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Error",
    };
}
