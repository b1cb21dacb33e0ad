using System.Text.Json;
using Passport.Agent;
using Passport.Agent.Tests.Host;
using Passport.Testing;

namespace Passport.Cli.Tests;

public sealed class CliTests : IAsyncLifetime
{
    private FakePassportServer _server = null!;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "passport-cli-tests-" + Guid.NewGuid().ToString("N"));

    private string Home(string name = "agent") => Path.Combine(_root, name);

    public async Task InitializeAsync() => _server = await FakePassportServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        TempDirectory.TryDelete(_root);
    }

    private Task<CliRun> Run(params string[] args) => CliRun.RunAsync(Home(), args);

    private async Task<string> RegisterAsync(string home, bool claimed = true)
    {
        Assert.Equal(0, (await CliRun.RunAsync(home, "keygen")).ExitCode);
        var register = await CliRun.RunAsync(home, "register", "--issuer", _server.Issuer, "--owner-email", "owner@example.com", "--json");
        Assert.Equal(0, register.ExitCode);
        if (claimed)
        {
            Assert.Equal(0, (await CliRun.RunAsync(home, "claim", "--from-outbox")).ExitCode);
        }
        return register.Json().GetProperty("handle").GetString()!;
    }

    [Fact]
    public async Task Keygen_writes_an_owner_only_identity_and_prints_the_did()
    {
        var run = await Run("keygen", "--json");
        Assert.Equal(0, run.ExitCode);
        var did = run.Json().GetProperty("did").GetString()!;
        Assert.StartsWith("did:key:z6Mk", did);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Home(), "identity.json")));
        Assert.DoesNotContain("\"d\"", run.Output);
    }

    [Fact]
    public async Task Keygen_twice_refuses_with_one_error_line_and_exit_1()
    {
        await Run("keygen");
        var run = await Run("keygen");
        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("identity.exists", line);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task Keygen_force_replaces_the_identity()
    {
        var first = (await Run("keygen", "--json")).Json().GetProperty("did").GetString();
        var second = await Run("keygen", "--force", "--json");
        Assert.Equal(0, second.ExitCode);
        Assert.NotEqual(first, second.Json().GetProperty("did").GetString());
    }

    [Fact]
    public async Task An_identity_readable_by_others_is_refused_with_the_chmod_fix()
    {
        await Run("keygen");
        File.SetUnixFileMode(Path.Combine(Home(), "identity.json"), (UnixFileMode)0b110_100_100);
        var run = await Run("whoami");
        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("chmod 600", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Register_claim_whoami_report_the_record()
    {
        var handle = await RegisterAsync(Home());
        var whoami = await Run("whoami", "--json");
        Assert.Equal(0, whoami.ExitCode);
        Assert.Equal(handle, whoami.Json().GetProperty("handle").GetString());
        Assert.Equal("CLAIMED", whoami.Json().GetProperty("status").GetString());
    }

    [Fact]
    public async Task Login_with_resource_discovers_the_audience_and_call_succeeds()
    {
        await RegisterAsync(Home());
        var login = await Run("login", "--resource", _server.Url("/resource/orders").ToString(), "--json");
        Assert.Equal(0, login.ExitCode);
        Assert.Equal(_server.ResourceAudience, login.Json().GetProperty("audience").GetString());
        Assert.DoesNotContain("eyJ", login.Output);

        var call = await Run("call", "POST", _server.Url("/resource/orders").ToString(), "--data", "{\"item\":\"tea\"}", "--header", "X-Trace: 1", "--json");
        Assert.Equal(0, call.ExitCode);
        var json = call.Json();
        Assert.Equal(200, json.GetProperty("status").GetInt32());
        Assert.Equal("POST", json.GetProperty("body").GetProperty("method").GetString());
        Assert.Equal("{\"item\":\"tea\"}", json.GetProperty("body").GetProperty("body").GetString());
    }

    [Fact]
    public async Task Call_prints_status_line_and_body_for_humans()
    {
        await RegisterAsync(Home());
        await Run("login", "--audience", _server.ResourceAudience);
        var call = await Run("call", "GET", _server.Url("/resource/orders").ToString());
        Assert.Equal(0, call.ExitCode);
        Assert.StartsWith("HTTP 200 OK", call.Output);
    }

    [Fact]
    public async Task Call_without_a_stored_token_gets_one_for_the_urls_resource()
    {
        await RegisterAsync(Home());
        var call = await Run("call", "GET", _server.Url("/resource/orders").ToString(), "--json");
        Assert.Equal(0, call.ExitCode);
        Assert.Equal(200, call.Json().GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Call_without_a_stored_token_for_an_undiscoverable_url_says_to_log_in()
    {
        await RegisterAsync(Home());
        var call = await Run("call", "GET", _server.Url("/not-protected-anywhere").ToString(), "--json");
        Assert.Equal(ExitCodes.Failed, call.ExitCode);
        using var error = JsonDocument.Parse(call.Error);
        Assert.Equal(AgentErrorCodes.TokenMissing, error.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Call_refused_by_the_server_exits_1_and_shows_the_status()
    {
        await RegisterAsync(Home());
        await Run("login", "--audience", _server.ResourceAudience);
        var call = await Run("call", "GET", _server.Url("/resource/orders").ToString(), "--header", "no-colon");
        Assert.Equal(ExitCodes.Failed, call.ExitCode);
        Assert.Contains("argument.invalid", call.Error);
    }

    [Fact]
    public async Task Call_reacquires_a_refused_token()
    {
        await RegisterAsync(Home());
        await Run("login", "--audience", _server.ResourceAudience);
        _server.InvalidateIssuedTokens();
        var call = await Run("call", "GET", _server.Url("/resource/orders").ToString());
        Assert.Equal(0, call.ExitCode);
    }

    [Fact]
    public async Task Grant_delegate_and_call_act_for_the_principal()
    {
        var principal = await RegisterAsync(Home("principal"));
        var actor = await RegisterAsync(Home("actor"));
        var grant = await CliRun.RunAsync(Home("principal"), "grant", actor, "--scope", "read:orders", "--json");
        Assert.Equal(0, grant.ExitCode);
        var grantId = grant.Json().GetProperty("id").GetString()!;

        var grants = await CliRun.RunAsync(Home("actor"), "grants", "--json");
        Assert.Equal(grantId, grants.Json().GetProperty("items")[0].GetProperty("id").GetString());

        var delegated = await CliRun.RunAsync(Home("actor"), "delegate", "--principal", principal, "--scope", "read:orders", "--audience", _server.ResourceAudience, "--json");
        Assert.Equal(0, delegated.ExitCode);
        var call = await CliRun.RunAsync(Home("actor"), "call", "GET", _server.Url("/resource/orders").ToString(), "--json");
        var body = call.Json().GetProperty("body");
        Assert.Equal(principal, body.GetProperty("handle").GetString());
        Assert.Equal(actor, body.GetProperty("actor").GetString());

        Assert.Equal(0, (await CliRun.RunAsync(Home("principal"), "ungrant", grantId)).ExitCode);
        var refused = await CliRun.RunAsync(Home("actor"), "delegate", "--principal", principal, "--audience", _server.ResourceAudience);
        Assert.Equal(ExitCodes.Failed, refused.ExitCode);
        Assert.Contains("delegation.no_grant", Assert.Single(refused.ErrorLines));
    }

    [Fact]
    public async Task Rotate_from_outbox_moves_the_handle_to_a_new_did()
    {
        var handle = await RegisterAsync(Home());
        var before = (await Run("whoami", "--json")).Json().GetProperty("did").GetString();
        var rotate = await Run("rotate", "--from-outbox", "--json");
        Assert.Equal(0, rotate.ExitCode);
        var after = rotate.Json().GetProperty("did").GetString();
        Assert.NotEqual(before, after);
        Assert.Equal(after, _server.FindRecord(handle)!.Did);
        Assert.Equal(after, (await Run("whoami", "--json")).Json().GetProperty("did").GetString());
    }

    [Fact]
    public async Task Rotate_in_two_steps_with_the_emailed_link()
    {
        var handle = await RegisterAsync(Home());
        var requested = await Run("rotate", "--json");
        Assert.Equal("requested", requested.Json().GetProperty("status").GetString());
        var link = OwnerLink.FindNewest(_server.Outbox, OwnerLink.ApprovePath)!;
        var done = await Run("rotate", "--link", link, "--json");
        Assert.Equal(0, done.ExitCode);
        Assert.Equal(requested.Json().GetProperty("newDid").GetString(), _server.FindRecord(handle)!.Did);
    }

    [Fact]
    public async Task Revoke_from_outbox_then_login_is_refused()
    {
        await RegisterAsync(Home());
        Assert.Equal(0, (await Run("revoke", "--from-outbox")).ExitCode);
        var login = await Run("login");
        Assert.Equal(ExitCodes.Failed, login.ExitCode);
        Assert.Contains("403", Assert.Single(login.ErrorLines));
    }

    [Fact]
    public async Task Owner_action_on_an_unclaimed_record_prints_the_server_code()
    {
        await RegisterAsync(Home(), claimed: false);
        var run = await Run("revoke");
        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("owner.not_claimed", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Discover_a_resource_prints_issuer_and_audience()
    {
        var run = await Run("discover", _server.Url("/resource/orders").ToString(), "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(_server.Issuer, run.Json().GetProperty("issuer").GetString());
        Assert.Equal(_server.ResourceAudience, run.Json().GetProperty("resource").GetString());
    }

    [Fact]
    public async Task Discover_an_issuer_falls_back_to_its_metadata()
    {
        var run = await Run("discover", _server.Issuer + "/open");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("seeds/004 defaults", run.Output);
        var issuer = await Run("discover", _server.Issuer);
        Assert.Equal(0, issuer.ExitCode);
        Assert.Contains(_server.Issuer + "/auth/token", issuer.Output);
        Assert.Contains("RFC 8414 document", issuer.Output);
    }

    [Fact]
    public async Task Outbox_hides_link_secrets_unless_asked()
    {
        await RegisterAsync(Home(), claimed: false);
        var hidden = await Run("outbox", "--json");
        Assert.Equal(0, hidden.ExitCode);
        var secret = OwnerLink.ExtractToken(OwnerLink.FindNewest(_server.Outbox, OwnerLink.ClaimPath)!);
        Assert.DoesNotContain(secret, hidden.Output);
        var shown = await Run("outbox", "--show-links");
        Assert.Contains(secret, shown.Output);
    }

    [Fact]
    public async Task Unreachable_server_exits_3()
    {
        await Run("keygen");
        var run = await Run("register", "--issuer", "http://127.0.0.1:" + FreePort.Get());
        Assert.Equal(ExitCodes.Network, run.ExitCode);
        Assert.Single(run.ErrorLines);
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        Assert.Equal(ExitCodes.Usage, (await Run("register")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await Run("no-such-command")).ExitCode);
    }

    [Fact]
    public async Task Whoami_before_keygen_says_how_to_start()
    {
        var run = await Run("whoami");
        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("passport keygen", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Verbose_adds_the_stack_trace()
    {
        var run = await Run("whoami", "--verbose");
        Assert.Contains("   at ", run.Error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("call", "--help")]
    public async Task Help_shows_examples(params string[] args)
    {
        var run = await Run(args);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("passport ", run.Output);
        Assert.Contains("Example", run.Output, StringComparison.OrdinalIgnoreCase);
    }
}
