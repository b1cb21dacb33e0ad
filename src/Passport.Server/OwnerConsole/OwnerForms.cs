using Microsoft.Net.Http.Headers;
using Passport.Server.Problems;

namespace Passport.Server.OwnerConsole;

/// <summary>Reads the console's <c>application/x-www-form-urlencoded</c> posts: 415 for another media type, 400 for over-long fields.</summary>
internal static class OwnerForms
{
    public static async Task<IFormCollection> ReadAsync(HttpContext context)
    {
        // Not HasFormContentType: it also admits multipart/form-data, which no console form sends and whose parser
        // buffers file parts; only the urlencoded type is read.
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblem(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "Console forms are application/x-www-form-urlencoded.");
        }
        try
        {
            return await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            throw ApiProblem.BadRequest(ProblemCodes.BadRequest, "The form could not be read.");
        }
    }

    /// <summary>The trimmed value of <paramref name="name"/>; 400 <c>request.missing_field</c> / <c>request.field_too_long</c>.</summary>
    public static string Required(IFormCollection form, string name, int maxLength)
    {
        var value = form[name].ToString().Trim();
        if (value.Length == 0) throw ApiProblem.BadRequest(ProblemCodes.MissingField, $"'{name}' is required.");
        if (value.Length > maxLength) throw ApiProblem.BadRequest(ProblemCodes.FieldTooLong, $"'{name}' is longer than {maxLength} characters.");
        return value;
    }
}
