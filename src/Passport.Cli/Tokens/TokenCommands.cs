using System.CommandLine;
using System.Text;
using System.Text.Json;
using Passport.Agent;

namespace Passport.Cli;

/// <summary><c>login</c>, <c>call</c>, <c>discover</c>.</summary>
internal static class TokenCommands
{
    public static Command Login(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var audience = new AudienceOptions();
        var command = new Command("login", "Get a DPoP-bound token (challenge + signed nonce + proof) and store it for its audience.\n" +
            "Examples: passport login --resource http://127.0.0.1:8080/orders\n          passport login --audience http://127.0.0.1:8080");
        audience.AddTo(command);
        command.SetHandler(globals, output, error, async (context, parse, ct) =>
        {
            var client = await context.ClientAsync(needIdentity: true, null, ct);
            var aud = await audience.ResolveAsync(client, parse, ct);
            var token = await client.GetTokenAsync(aud, ct);
            context.Write(new { token.Audience, token.TokenType, token.ObtainedAt, stored = context.Store.TokensPath },
                $"logged in: token for {token.Audience} stored in {context.Store.TokensPath}");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Call(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var method = new Argument<string>("method") { Description = "HTTP method, e.g. GET or POST." };
        var url = new Argument<string>("url") { Description = "The URL to call." };
        var data = new Option<string?>("--data", "-d") { Description = "Request body (JSON)." };
        var headers = new Option<string[]>("--header", "-H") { Description = "Extra header 'Name: value' (repeatable)." };
        var audience = new Option<string?>("--audience") { Description = "Which stored token to use (default: the one whose audience matches the URL; with none, a token is fetched for the URL's resource)." };
        var bearer = new Option<bool>("--bearer") { Description = "Send 'Authorization: Bearer' (seeds/004) instead of 'DPoP'." };
        var replay = new Option<bool>("--replay") { Description = "Send the request a second time with the SAME proof, to see the server refuse the replay (RFC 9449 §11.1)." };
        var command = new Command("call", "Call a Passport-protected URL like curl, with a fresh DPoP proof per request; prints status and body.\n" +
            "Examples: passport call GET http://127.0.0.1:8080/orders\n          passport call POST http://127.0.0.1:8080/orders --data '{\"item\":\"tea\"}'")
        { method, url, data, headers, audience, bearer, replay };
        command.SetHandler(globals, output, error, async (context, parse, ct) =>
        {
            var target = CliContext.ParseUrl(parse.GetValue(url)!, "url");
            var client = await context.ClientAsync(needIdentity: true, null, ct);
            var stored = FindToken(context.Store, parse.GetValue(audience), target)
                ?? await LoginForAsync(client, target, ct);
            var options = new DpopHandlerOptions { Scheme = parse.GetValue(bearer) ? DpopAuthorizationScheme.Bearer : DpopAuthorizationScheme.DPoP };
            using var http = new HttpClient(new DpopHandler(client.Identity!.KeyPair, new StoredTokenProvider(client, context.Store, stored), new HttpClientHandler(), options));
            using var request = new HttpRequestMessage(new HttpMethod(parse.GetValue(method)!.ToUpperInvariant()), target);
            if (parse.GetValue(data) is { } body)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }
            foreach (var header in parse.GetValue(headers) ?? [])
            {
                AddHeader(request, header);
            }
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (parse.GetValue(replay))
            {
                using var replayed = await ProofReplay.SendAgainAsync(context.Http, request, parse.GetValue(data), ct);
                var replayText = await replayed.Content.ReadAsStringAsync(ct);
                context.Write(new { status = (int)response.StatusCode, body = AsJson(text), replayStatus = (int)replayed.StatusCode, replayBody = AsJson(replayText) },
                    $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", text,
                    $"replayed with the same proof: HTTP {(int)replayed.StatusCode} {replayed.ReasonPhrase}", replayText);
                return (int)response.StatusCode < 400 && (int)replayed.StatusCode >= 400 ? ExitCodes.Ok : ExitCodes.Failed;
            }
            context.Write(new { status = (int)response.StatusCode, body = AsJson(text) },
                $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", text);
            return response.IsSuccessStatusCode || (int)response.StatusCode < 400 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    public static Command Discover(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var url = new Argument<string>("url") { Description = "A protected resource URL or an IdP issuer URL." };
        var command = new Command("discover", "Show the Passport endpoints behind a URL (401 → RFC 9728 → RFC 8414, or issuer metadata).\nExample: passport discover http://127.0.0.1:8080/orders") { url };
        command.SetHandler(globals, output, error, async (context, parse, ct) =>
        {
            var target = CliContext.ParseUrl(parse.GetValue(url)!, "url");
            var client = new PassportClient(context.Http);
            PassportDiscovery discovery;
            try
            {
                discovery = await client.DiscoverAsync(target, ct);
            }
            catch (PassportAgentException e) when (e.Code == AgentErrorCodes.DiscoveryFailed)
            {
                discovery = await client.DiscoverIssuerAsync(target, ct);
            }
            context.Write(discovery,
                $"issuer:         {discovery.Issuer}",
                $"audience:       {discovery.Audience}",
                $"token:          {discovery.TokenEndpoint}",
                $"challenge:      {discovery.ChallengeEndpoint}",
                $"registration:   {discovery.RegistrationEndpoint}",
                $"jwks:           {discovery.JwksUri}",
                $"delegations:    {discovery.DelegationEndpoint}",
                $"token exchange: {discovery.TokenExchangeEndpoint}",
                $"metadata:       {(discovery.FromMetadata ? "RFC 8414 document" : "not found, seeds/004 defaults")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The token for <paramref name="audience"/>, else the stored token whose audience is the longest prefix of the URL
    /// (an origin token covers every route; a route's resource token covers that route), else null.
    /// </summary>
    private static PassportAccessToken? FindToken(IdentityStore store, string? audience, Uri target)
    {
        if (audience is not null)
        {
            return store.FindToken(audience) ?? throw NoToken(audience);
        }
        var url = target.AbsoluteUri;
        return store.LoadTokens()
            .Where(t => url.StartsWith(t.Key, StringComparison.OrdinalIgnoreCase)
                && (url.Length == t.Key.Length || url[t.Key.Length] is '/' or '?' or '#'))
            .OrderByDescending(t => t.Key.Length)
            .Select(t => t.Value)
            .FirstOrDefault();
    }

    /// <summary>
    /// No stored token covers the URL: discover its resource (401 → RFC 9728, as <c>login --resource</c> does) and get a
    /// token for it from this identity's issuer. Each gateway route is its own resource (RFC 8707), so calling a second
    /// route needs a second token; fetching it here spares the user a login per route.
    /// </summary>
    private static async Task<PassportAccessToken> LoginForAsync(PassportClient client, Uri target, CancellationToken cancellationToken)
    {
        var issuer = client.Discovery?.Issuer;
        PassportDiscovery discovery;
        try
        {
            discovery = await client.DiscoverAsync(target, cancellationToken);
        }
        catch (PassportAgentException e) when (e.Code == AgentErrorCodes.DiscoveryFailed)
        {
            throw NoToken(target.GetLeftPart(UriPartial.Authority));
        }
        if (issuer is not null && discovery.Issuer.TrimEnd('/') != issuer.TrimEnd('/'))
        {
            throw new PassportAgentException(AgentErrorCodes.DiscoveryIssuerMismatch,
                $"{target} trusts {discovery.Issuer}, but this identity is registered with {issuer}.");
        }
        return await client.GetTokenAsync(discovery.Audience, cancellationToken);
    }

    private static PassportAgentException NoToken(string audience) =>
        new(AgentErrorCodes.TokenMissing, $"No stored token for {audience}; run `passport login --resource <url>` (or `--audience {audience}`) first.");

    private static void AddHeader(HttpRequestMessage request, string header)
    {
        var colon = header.IndexOf(':');
        if (colon <= 0)
        {
            throw new PassportAgentException(AgentErrorCodes.ArgumentInvalid, $"--header must look like 'Name: value', got '{header}'.");
        }
        var name = header[..colon].Trim();
        var value = header[(colon + 1)..].Trim();
        if (!request.Headers.TryAddWithoutValidation(name, value))
        {
            request.Content ??= new ByteArrayContent([]);
            request.Content.Headers.Remove(name);
            request.Content.Headers.TryAddWithoutValidation(name, value);
        }
    }

    private static object? AsJson(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
