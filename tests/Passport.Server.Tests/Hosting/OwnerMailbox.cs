using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Passport.Server.Tests.Hosting;

/// <summary>The human owner: reads the dev outbox and follows links.</summary>
public static class OwnerMailbox
{
    public static async Task ClaimAsync(ServerHost host, string email)
    {
        var token = TokenOf(await host.OutboxLastAsync(email));
        (await host.Client.PostAsJsonAsync("/auth/claim", new { token })).EnsureSuccessStatusCode();
    }

    public static async Task<string> RequestLinkAsync(ServerHost host, string email, object request)
    {
        var response = await host.Client.PostAsJsonAsync("/auth/owner/request", request);
        Assert.Equal(202, (int)response.StatusCode);
        var mail = await host.OutboxLastAsync(email);
        Assert.StartsWith(host.Issuer + "/owner/approve?token=", mail.GetProperty("links")[0].GetString());
        return TokenOf(mail);
    }

    public static string TokenOf(JsonElement mail) =>
        Uri.UnescapeDataString(mail.GetProperty("links")[0].GetString()!.Split("token=")[1]);

    public static string NewEmail() => $"owner-{Guid.NewGuid():N}@example.com";
}
