using System.Text.Json;
using System.Text.Json.Serialization;

namespace Passport.Agent;

/// <summary>The JSON shape of <c>tokens.json</c>: <c>{"tokens": {"&lt;audience&gt;": {…}}}</c>.</summary>
internal sealed class TokenDocument
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Dictionary<string, PassportAccessToken> Tokens { get; set; } = new(StringComparer.Ordinal);

    public string Serialize() => JsonSerializer.Serialize(this, Options);

    public static TokenDocument Deserialize(string json, string path)
    {
        try
        {
            var document = JsonSerializer.Deserialize<TokenDocument>(json, Options) ?? new TokenDocument();
            document.Tokens = new Dictionary<string, PassportAccessToken>(document.Tokens ?? [], StringComparer.Ordinal);
            return document;
        }
        catch (JsonException)
        {
            throw new PassportAgentException(AgentErrorCodes.IdentityMalformed,
                $"{path} is not a Passport token file (invalid JSON). Delete it and log in again.");
        }
    }
}
