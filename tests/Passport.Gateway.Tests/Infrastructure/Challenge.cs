using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Passport.Gateway.Tests.Infrastructure;

/// <summary>Reads a refusal: status, the WWW-Authenticate challenge(s) and the problem body.</summary>
public sealed partial record Refused(HttpStatusCode Status, string[] Challenges, string? Code, string? ContentType, JsonElement Body)
{
    public static async Task<Refused> ReadAsync(HttpResponseMessage response)
    {
        var challenges = response.Headers.WwwAuthenticate.Select(h => h.ToString()).ToArray();
        var body = await response.Content.ReadAsStringAsync();
        var json = body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : default;
        var code = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("code", out var c) ? c.GetString() : null;
        return new Refused(response.StatusCode, challenges, code, response.Content.Headers.ContentType?.MediaType, json);
    }

    /// <summary>The <c>error</c> parameter of the first challenge, or null.</summary>
    public string? Error => Param("error");

    public string? Param(string name)
    {
        foreach (var challenge in Challenges)
        {
            var match = Regex.Match(challenge, $"(?:^|[ ,]){name}=\"([^\"]*)\"");
            if (match.Success) return match.Groups[1].Value;
        }
        return null;
    }

    public void AssertIs(HttpStatusCode status, string? error, string code)
    {
        Assert.Equal(status, Status);
        Assert.Equal(code, Code);
        Assert.Equal("application/problem+json", ContentType);
        Assert.Equal((int)status, Body.GetProperty("status").GetInt32());
        if (status == HttpStatusCode.ServiceUnavailable) return;
        Assert.NotEmpty(Challenges);
        Assert.Equal(error, Error);
        Assert.Contains("realm=\"passport\"", Challenges[0]);
        Assert.Contains("resource_metadata=\"", Challenges[0]);
    }
}
