using System.Net;
using System.Text.RegularExpressions;
using Passport.Server.Tests.Hosting;
using Xunit;

namespace Passport.Server.Tests.OwnerConsole;

/// <summary>
/// A browser-less owner at <c>/owner</c>: posts forms, follows the mailed sign-in link from the dev outbox and keeps the
/// session cookie by hand (the test host runs as Production over http, so the cookie is <c>Secure</c> and a
/// <see cref="CookieContainer"/> would withhold it).
/// </summary>
public sealed partial class OwnerConsoleClient(ServerHost host) : IDisposable
{
    private readonly HttpClient _client = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(host.Issuer) };

    public string? Cookie { get; set; }

    public static HttpContent Form(params (string Name, string Value)[] fields) =>
        new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    public async Task<HttpResponseMessage> PostAsync(string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (Cookie is not null) request.Headers.Add("Cookie", "passport_owner=" + Cookie);
        return await _client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (Cookie is not null) request.Headers.Add("Cookie", "passport_owner=" + Cookie);
        return await _client.SendAsync(request);
    }

    public async Task<string> ConsoleHtmlAsync()
    {
        var response = await GetAsync("/owner");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The token of the last sign-in mail to <paramref name="email"/>.</summary>
    public async Task<string> SignInTokenAsync(string email)
    {
        var mail = await host.OutboxLastAsync(email);
        var link = mail.GetProperty("links")[0].GetString()!;
        Assert.StartsWith(host.Issuer + "/owner/sign-in?token=", link);
        return OwnerMailbox.TokenOf(mail);
    }

    /// <summary>Requests a link, uses it and keeps the cookie; returns the confirm response (303 with Set-Cookie).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email)
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/owner/sign-in", Form(("email", email)))).StatusCode);
        var token = await SignInTokenAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/owner/sign-in?token=" + Uri.EscapeDataString(token))).StatusCode);
        var confirmed = await PostAsync("/owner/sign-in/confirm", Form(("token", token)));
        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        var setCookie = confirmed.Headers.GetValues("Set-Cookie").Single();
        Cookie = setCookie.Split(';')[0].Split('=', 2)[1];
        return confirmed;
    }

    public async Task<string> CsrfAsync() => CsrfField().Match(await ConsoleHtmlAsync()).Groups[1].Value;

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
