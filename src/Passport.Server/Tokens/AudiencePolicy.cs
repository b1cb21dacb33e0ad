using System.Text.Json;
using Microsoft.Extensions.Options;
using Passport.Core.Protocol;
using Passport.Server.Configuration;
using Passport.Server.Problems;

namespace Passport.Server.Tokens;

/// <summary>
/// The <c>aud</c> allow-list (RFC 8707): the issuer itself, one of <c>Passport:Audiences</c>, or a resource at or below
/// one of them at a path boundary (<c>https://gw.example</c> allows <c>https://gw.example/mcp</c>); omitted = the issuer.
/// A resource below an entry becomes the token's <c>aud</c> exactly as requested, so it matches the
/// <c>resource</c> of the protected resource metadata the client read (RFC 9728 §3.3).
/// </summary>
internal sealed class AudiencePolicy(IOptions<PassportServerOptions> options)
{
    /// <summary>
    /// Reads RFC 8707 <c>resource</c> (a string or an array) and the older <c>aud</c> field from a JSON body and resolves
    /// them to the one audience of the token. One resource per token: several different ones, or <c>aud</c> naming
    /// another than <c>resource</c>, are <c>400 invalid_target</c>.
    /// </summary>
    public string Resolve(JsonElement body)
    {
        var resource = ReadResource(body);
        var aud = ReadString(body, "aud");
        if (resource is not null && aud is not null && !Same(resource, aud))
        {
            throw Refuse("'aud' and 'resource' name different resources; send one of them.");
        }
        return Resolve(resource ?? aud);
    }

    /// <summary>Resolves one requested resource (null = the issuer itself) or throws <c>400 invalid_target</c>.</summary>
    public string Resolve(string? requested)
    {
        var issuer = options.Value.IssuerOrigin;
        if (requested is null) return issuer;
        var trimmed = requested.TrimEnd('/');
        if (trimmed == issuer) return issuer;
        foreach (var allowed in options.Value.Audiences)
        {
            if (allowed.TrimEnd('/') == trimmed) return allowed;
        }
        if (ResourceIndicators.IsWellFormed(requested))
        {
            foreach (var allowed in options.Value.Audiences)
            {
                if (ResourceIndicators.IsAtOrBelow(requested, allowed)) return requested;
            }
        }
        throw Refuse("The resource is not one this IdP issues tokens for (Passport:Audiences: an entry or a path below one, absolute http(s), no query or fragment); omit it to get a token for the IdP itself.");
    }

    private static string? ReadResource(JsonElement body)
    {
        if (!body.TryGetProperty("resource", out var element) || element.ValueKind == JsonValueKind.Null) return null;
        if (element.ValueKind == JsonValueKind.String) return Bounded(element.GetString()!);
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Refuse("'resource' must be a URL string or an array of them (RFC 8707 §2).");
        }
        string? first = null;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw Refuse("'resource' must be a URL string or an array of them (RFC 8707 §2).");
            var value = Bounded(item.GetString()!);
            if (first is null) first = value;
            else if (!Same(first, value)) throw Refuse("Request one resource per token (RFC 8707 §2 lets the server refuse several); ask again for each resource.");
        }
        return first ?? throw Refuse("'resource' must name at least one resource.");
    }

    private static string? ReadString(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return null;
        if (element.ValueKind != JsonValueKind.String) throw ApiProblem.BadRequest(ProblemCodes.InvalidField, $"The field '{name}' must be a string.");
        return Bounded(element.GetString()!);
    }

    private static string Bounded(string value) => value.Length <= ResourceIndicators.MaxLength
        ? value
        : throw ApiProblem.BadRequest(ProblemCodes.FieldTooLong, $"A resource may be at most {ResourceIndicators.MaxLength} characters.");

    private static bool Same(string a, string b) => string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.Ordinal);

    private static ApiProblem Refuse(string detail) => ApiProblem.BadRequest(ProblemCodes.InvalidTarget, detail);
}
