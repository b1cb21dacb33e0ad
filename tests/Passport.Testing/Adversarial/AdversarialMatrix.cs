using System.Net.Http.Headers;
using System.Text.Json;
using Xunit;

namespace Passport.Testing.Adversarial;

/// <summary>Runs one row against a host and asserts the row's expectation plus the invariants of every refusal.</summary>
public static class AdversarialMatrix
{
    public static async Task RunAsync(AdversarialRow row, AdversarialTarget target, HttpClient client, CapturedLogs logs)
    {
        var request = row.Build(target);
        if (request.SendTwice)
        {
            using var first = await client.SendAsync(request.ToMessage());
            Assert.True(first.IsSuccessStatusCode, $"{row.Name}: the first send must be accepted, got {(int)first.StatusCode}");
        }
        using var response = await client.SendAsync(request.ToMessage());
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(status < 500, $"{row.Name}: a 5xx ({status}) for adversarial input: {text}");
        // The capture must see the host's logs at all, or "no secret in the log" below proves nothing.
        Assert.NotEmpty(logs.Lines);
        Assert.True(status == row.Status, $"{row.Name}: expected {row.Status} {row.Code}, got {status}: {text}");
        foreach (var secret in request.Secrets())
        {
            var leaked = logs.Containing(secret).ToList();
            Assert.True(leaked.Count == 0, $"{row.Name}: a credential is in the log: {leaked.FirstOrDefault()}");
        }
        if (row.Code is null) return;

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal(row.Code, problem.GetProperty("code").GetString());
        Assert.Equal(row.Status, problem.GetProperty("status").GetInt32());
        if (status == 401)
        {
            var challenges = response.Headers.WwwAuthenticate.ToList();
            Assert.NotEmpty(challenges);
            var error = challenges.Select(c => Param(c, "error")).FirstOrDefault(e => e is not null);
            Assert.Equal(row.Error, error);
        }
    }

    private static string? Param(AuthenticationHeaderValue challenge, string name)
    {
        var marker = name + "=\"";
        var p = challenge.Parameter ?? "";
        var start = p.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0) return null;
        start += marker.Length;
        return p[start..p.IndexOf('"', start)];
    }
}
