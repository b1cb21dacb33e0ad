using System.Text;

namespace Passport.Agent;

/// <summary>
/// One challenge of a <c>WWW-Authenticate</c> header (RFC 9110 §11.6.1): a scheme and its auth-params, e.g.
/// <c>DPoP realm="passport", error="use_dpop_nonce", resource_metadata="…"</c> (RFC 6750 §3, RFC 9449 §7.1, RFC 9728 §5.1).
/// </summary>
public sealed class WwwAuthenticateChallenge
{
    private const int MaxHeaderLength = 8192;

    private WwwAuthenticateChallenge(string scheme) => Scheme = scheme;

    /// <summary>The auth scheme, e.g. <c>Bearer</c> or <c>DPoP</c>.</summary>
    public string Scheme { get; }

    /// <summary>The auth-params, names compared case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Parameters => _parameters;

    private readonly Dictionary<string, string> _parameters = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>error</c> parameter (e.g. <c>invalid_token</c>, <c>use_dpop_nonce</c>), if any.</summary>
    public string? Error => _parameters.GetValueOrDefault("error");

    /// <summary>The <c>resource_metadata</c> parameter (RFC 9728 §5.1), if any.</summary>
    public string? ResourceMetadata => _parameters.GetValueOrDefault("resource_metadata");

    /// <summary>Every challenge of every <c>WWW-Authenticate</c> header of <paramref name="response"/>.</summary>
    public static IReadOnlyList<WwwAuthenticateChallenge> FromResponse(HttpResponseMessage response)
    {
        var result = new List<WwwAuthenticateChallenge>();
        if (response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out var values))
        {
            foreach (var value in values)
            {
                result.AddRange(Parse(value));
            }
        }
        return result;
    }

    /// <summary>The first <c>error</c> parameter of any challenge of <paramref name="response"/>.</summary>
    public static string? FindError(HttpResponseMessage response) =>
        FromResponse(response).Select(c => c.Error).FirstOrDefault(e => e is not null);

    /// <summary>Parses a header value that may hold several challenges. Never throws; malformed parts are skipped.</summary>
    public static IReadOnlyList<WwwAuthenticateChallenge> Parse(string? header)
    {
        var result = new List<WwwAuthenticateChallenge>();
        if (string.IsNullOrEmpty(header) || header.Length > MaxHeaderLength)
        {
            return result;
        }
        WwwAuthenticateChallenge? current = null;
        var i = 0;
        while (i < header.Length)
        {
            while (i < header.Length && (header[i] is ' ' or '\t' or ','))
            {
                i++;
            }
            var token = ReadToken(header, ref i);
            if (token.Length == 0)
            {
                i++;
                continue;
            }
            var afterToken = i;
            while (i < header.Length && header[i] is ' ' or '\t')
            {
                i++;
            }
            if (current is not null && i < header.Length && header[i] == '=')
            {
                i++;
                while (i < header.Length && header[i] is ' ' or '\t')
                {
                    i++;
                }
                current._parameters[token] = i < header.Length && header[i] == '"' ? ReadQuoted(header, ref i) : ReadToken(header, ref i);
            }
            else if (i < header.Length && header[i] == '=')
            {
                // A parameter before any scheme, or a token68: skip to the next comma.
                while (i < header.Length && header[i] != ',')
                {
                    i++;
                }
            }
            else
            {
                i = afterToken;
                current = new WwwAuthenticateChallenge(token);
                result.Add(current);
            }
        }
        return result;
    }

    private static string ReadToken(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && text[i] is not (' ' or '\t' or ',' or '=' or '"'))
        {
            i++;
        }
        return text[start..i];
    }

    private static string ReadQuoted(string text, ref int i)
    {
        var builder = new StringBuilder();
        i++; // opening quote
        while (i < text.Length && text[i] != '"')
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }
            builder.Append(text[i]);
            i++;
        }
        i++; // closing quote
        return builder.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Scheme + " " + string.Join(", ", _parameters.Select(p => $"{p.Key}=\"{p.Value}\""));
}
