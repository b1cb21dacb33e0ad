using System.Net.Http.Json;
using System.Text;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using Passport.Server.Configuration;
using Passport.Server.Mail;
using Passport.Server.Tests.Hosting;
using Passport.Testing;
using Passport.Testing.Adversarial;
using Xunit;

namespace Passport.Server.Tests.Mail;

/// <summary>
/// Owner mails through MailKit to a real SMTP server on loopback (aiosmtpd, <see cref="SmtpSink"/>): the claim and the
/// approval mails arrive with links that work against the real IdP, over plain SMTP, STARTTLS and implicit TLS with AUTH,
/// and an SMTP outage loses neither the action nor the mail.
/// </summary>
public sealed class SmtpMailTests
{
    private const string From = "passport@idp.example";

    [Fact]
    public async Task Claim_and_approval_mails_arrive_and_their_links_work()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var host = await ServerHost.StartAsync(Settings(sink, "None"));
        using var agent = new TestAgent(host);
        var email = OwnerMailbox.NewEmail();

        (await agent.RegisterAsync(email)).EnsureSuccessStatusCode();
        var claimMail = await sink.WaitForAsync(email, "/claim?token=");
        Assert.Equal(From, claimMail.MailFrom);
        Assert.Equal("Claim your agent " + agent.Handle, Parse(claimMail).Subject);
        await ClaimThroughLinkAsync(host, LinkIn(claimMail, host.Issuer + "/claim?token="));

        await ApproveRevokeThroughMailAsync(host, sink, agent, email);
        await Problem.AssertAsync(await host.Client.PostAsJsonAsync("/auth/challenge", new { did = agent.Did.Value }), 403, "passport.revoked");
    }

    [Theory]
    [InlineData("StartTls")]
    [InlineData("SslOnConnect")]
    public async Task Tls_and_auth_deliver_and_never_log_the_password(string security)
    {
        using var certificates = new TempFolder();
        var (certificate, key) = SelfSignedCertificate.Write(certificates.Path);
        const string password = "s3cret-smtp-password";
        await using var sink = await SmtpSink.StartAsync(certificate, key, implicitTls: security == "SslOnConnect", user: "passport", password: password);
        var logs = new CapturedLogs();
        var settings = Settings(sink, security);
        settings["Passport:Smtp:UserName"] = "passport";
        settings["Passport:Smtp:Password"] = password;
        settings["Passport:Smtp:ServerCertificatePath"] = certificate;
        settings["Logging:LogLevel:Default"] = "Debug";
        await using var host = await ServerHost.StartAsync(settings, services => services.AddSingleton<ILoggerProvider>(logs));
        using var agent = new TestAgent(host);
        var email = OwnerMailbox.NewEmail();

        (await agent.RegisterAsync(email)).EnsureSuccessStatusCode();
        var mail = await sink.WaitForAsync(email, "/claim?token=");
        Assert.True(mail.Tls);
        Assert.Equal("passport", mail.Login);
        await ClaimThroughLinkAsync(host, LinkIn(mail, host.Issuer + "/claim?token="));
        Assert.Empty(logs.Containing(password));
    }

    [Fact]
    public async Task An_untrusted_server_certificate_gets_no_mail_and_the_record_still_exists()
    {
        using var certificates = new TempFolder();
        var (certificate, key) = SelfSignedCertificate.Write(certificates.Path);
        await using var sink = await SmtpSink.StartAsync(certificate, key);
        var logs = new CapturedLogs();
        await using var host = await ServerHost.StartAsync(Settings(sink, "StartTls"), services => services.AddSingleton<ILoggerProvider>(logs));
        using var agent = new TestAgent(host);

        Assert.Equal(201, (int)(await agent.RegisterAsync(OwnerMailbox.NewEmail())).StatusCode);
        // The system store does not know the self-signed certificate: the attempt fails and is retried, nothing is sent in clear.
        await WaitUntilAsync(() => logs.Lines.Any(l => l.Contains("SMTP delivery of", StringComparison.Ordinal) && l.Contains("retrying", StringComparison.Ordinal)));
        Assert.Empty(sink.Messages());
        Assert.Equal(200, (int)(await host.Client.GetAsync("/registry/" + agent.Handle)).StatusCode);
    }

    [Fact]
    public async Task An_outage_loses_neither_the_action_nor_the_mail()
    {
        await using var sink = await SmtpSink.StartAsync();
        var logs = new CapturedLogs();
        await using var host = await ServerHost.StartAsync(Settings(sink, "None"), services => services.AddSingleton<ILoggerProvider>(logs));
        using var claimed = new TestAgent(host);
        var ownerOfClaimed = OwnerMailbox.NewEmail();
        (await claimed.RegisterAsync(ownerOfClaimed)).EnsureSuccessStatusCode();
        await ClaimThroughLinkAsync(host, LinkIn(await sink.WaitForAsync(ownerOfClaimed, "/claim?token="), host.Issuer + "/claim?token="));

        await sink.StopAsync();
        using var fresh = new TestAgent(host);
        var ownerOfFresh = OwnerMailbox.NewEmail();
        Assert.Equal(201, (int)(await fresh.RegisterAsync(ownerOfFresh)).StatusCode);
        Assert.Equal(202, (int)(await host.Client.PostAsJsonAsync("/auth/owner/request", new { handle = claimed.Handle, action = "revoke" })).StatusCode);
        await WaitUntilAsync(() => logs.Lines.Any(l => l.Contains("retrying", StringComparison.Ordinal)));
        await sink.StartAgainAsync();

        await ClaimThroughLinkAsync(host, LinkIn(await sink.WaitForAsync(ownerOfFresh, "/claim?token="), host.Issuer + "/claim?token="));
        var approval = await sink.WaitForAsync(ownerOfClaimed, "/owner/approve?token=");
        await ApproveAsync(host, LinkIn(approval, host.Issuer + "/owner/approve?token="));
        await Problem.AssertAsync(await host.Client.PostAsJsonAsync("/auth/challenge", new { did = claimed.Did.Value }), 403, "passport.revoked");
    }

    [Theory]
    [InlineData("Auto", 465, null, SecureSocketOptions.SslOnConnect)]
    [InlineData("Auto", 25, null, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData("Auto", 25, "user", SecureSocketOptions.StartTls)]
    [InlineData("Auto", 587, null, SecureSocketOptions.StartTls)]
    [InlineData("none", 587, null, SecureSocketOptions.None)]
    [InlineData("SslOnConnect", 2465, null, SecureSocketOptions.SslOnConnect)]
    public void Security_resolves_by_setting_and_port(string security, int port, string? user, SecureSocketOptions expected) =>
        Assert.Equal(expected, SmtpSettings.Resolve(new SmtpOptions { Security = security, Port = port, UserName = user }));

    [Fact]
    public void Bad_settings_are_named()
    {
        var problems = SmtpSettings.Problems(new SmtpOptions
        {
            Security = "Tls", From = "not an address", UserName = "u", TimeoutSeconds = 0, Port = 0, ServerCertificatePath = "/nonexistent.pem",
        }).ToList();
        foreach (var setting in new[] { "Security", "From", "Password", "TimeoutSeconds", "Port", "ServerCertificatePath" })
        {
            Assert.Contains(problems, p => p.StartsWith("Passport:Smtp:" + setting, StringComparison.Ordinal));
        }
    }

    private static Dictionary<string, string?> Settings(SmtpSink sink, string security) => new()
    {
        ["Passport:Smtp:Host"] = "127.0.0.1",
        ["Passport:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Passport:Smtp:Security"] = security,
        ["Passport:Smtp:From"] = From,
        ["Passport:Smtp:TimeoutSeconds"] = "10",
    };

    private static MimeMessage Parse(SmtpSinkMessage message) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(message.Raw)));

    /// <summary>The link of the mail's text body that starts with <paramref name="prefix"/>.</summary>
    private static string LinkIn(SmtpSinkMessage message, string prefix)
    {
        var text = Parse(message).TextBody ?? "";
        var line = text.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line;
    }

    private static string TokenOf(string link) => Uri.UnescapeDataString(link.Split("token=")[1]);

    private static async Task ClaimThroughLinkAsync(ServerHost host, string link)
    {
        var page = await host.Client.GetAsync(link);
        Assert.Equal(200, (int)page.StatusCode);
        var claimed = await Problem.JsonAsync(await host.Client.PostAsJsonAsync("/auth/claim", new { token = TokenOf(link) }));
        Assert.Equal("CLAIMED", claimed.GetProperty("status").GetString());
    }

    private static async Task ApproveRevokeThroughMailAsync(ServerHost host, SmtpSink sink, TestAgent agent, string email)
    {
        Assert.Equal(202, (int)(await host.Client.PostAsJsonAsync("/auth/owner/request", new { handle = agent.Handle, action = "revoke" })).StatusCode);
        var mail = await sink.WaitForAsync(email, "/owner/approve?token=");
        Assert.Equal($"Passport: approve revoke of {agent.Handle}", Parse(mail).Subject);
        await ApproveAsync(host, LinkIn(mail, host.Issuer + "/owner/approve?token="));
    }

    private static async Task ApproveAsync(ServerHost host, string link)
    {
        var page = await host.Client.GetAsync(link);
        Assert.Equal(200, (int)page.StatusCode);
        var approved = await Problem.JsonAsync(await host.Client.PostAsJsonAsync("/auth/owner/approve", new { token = TokenOf(link) }));
        Assert.Equal("revoke", approved.GetProperty("action").GetString());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(50);
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("passport-smtp-cert-").FullName;

        public void Dispose() => TempDirectory.TryDelete(Path);
    }
}
