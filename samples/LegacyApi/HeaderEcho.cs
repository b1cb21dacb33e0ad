namespace LegacyApi;

/// <summary><c>GET /headers</c>: every request header as a JSON object, repeated values joined by ", ".</summary>
internal static class HeaderEcho
{
    public static IResult Handle(HttpRequest request)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(", ", values.Select(v => v ?? string.Empty));
        }

        return Results.Json(headers);
    }
}
