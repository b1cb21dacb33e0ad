using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Passport.Agent;

namespace McpAgent;

/// <summary>
/// An agent that speaks MCP with the official C# client (<c>ModelContextProtocol</c>, streamable HTTP) to a server
/// behind the Passport gateway. Its <see cref="HttpClient"/> goes through <see cref="DpopHandler"/>, so every HTTP
/// request the SDK sends (initialize, each tool call, the GET stream, the final DELETE) carries the DPoP-bound token
/// and a fresh proof for that request's method and URL.
/// </summary>
public static class McpSession
{
    // For printing: keep '+' and non-ASCII readable (the output is a terminal, not HTML).
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Discovers the resource from the gateway's 401, gets a token, lists the tools and calls three of them.</summary>
    /// <returns>0 when every call succeeded, 1 otherwise.</returns>
    public static async Task<int> ListAndCallAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var store = new IdentityStore();
        using var identity = store.Load();
        using var http = new HttpClient();
        var passport = new PassportClient(http, identity, new PassportClientOptions { Store = store });
        var audience = await AudienceAsync(passport, endpoint, cancellationToken);

        using var mcpHttp = new HttpClient(passport.CreateDpopHandler(audience, new SocketsHttpHandler()));
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = endpoint, TransportMode = HttpTransportMode.StreamableHttp, Name = "passport-mcp-agent" },
            mcpHttp, loggerFactory: null, ownsHttpClient: false);
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
        Console.WriteLine($"connected to {client.ServerInfo?.Name} {client.ServerInfo?.Version} as {identity.Handle} (token audience {audience})");

        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
        Console.WriteLine($"tools: {string.Join(", ", tools.Select(t => t.Name).Order(StringComparer.Ordinal))}");

        var failures = 0;
        failures += await CallAsync(client, "whoami", new Dictionary<string, object?>(), cancellationToken);
        failures += await CallAsync(client, "place_order", new Dictionary<string, object?> { ["item"] = "green tea", ["quantity"] = 3 }, cancellationToken);
        failures += await CallAsync(client, "list_orders", new Dictionary<string, object?>(), cancellationToken);
        return failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// Connects with the token but without <see cref="DpopHandler"/> (no proof), as a stolen token would be used; the
    /// gateway must refuse the very first request.
    /// </summary>
    /// <returns>0 when the gateway answered 401, 1 when the connection was accepted or failed otherwise.</returns>
    public static async Task<int> ShowRefusalWithoutProofAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var store = new IdentityStore();
        using var identity = store.Load();
        using var http = new HttpClient();
        var passport = new PassportClient(http, identity, new PassportClientOptions { Store = store });
        var audience = await AudienceAsync(passport, endpoint, cancellationToken);
        var token = await passport.CreateTokenProvider(audience).GetTokenAsync(forceRefresh: false, cancellationToken);

        using var plain = new HttpClient();
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = endpoint,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "DPoP " + token },
            },
            plain, loggerFactory: null, ownsHttpClient: false);
        try
        {
            await using var client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
            Console.WriteLine("connected without a DPoP proof: the gateway did not refuse it");
            return 1;
        }
        catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
        {
            Console.WriteLine("HTTP 401 at the gateway, before the MCP server saw the request");
            return 0;
        }
    }

    /// <summary>
    /// The audience to ask the IdP for: the resource the gateway's protected-resource metadata names for this URL
    /// (RFC 9728, found from the 401); when the IdP does not issue tokens for that resource (an IdP without RFC 8707
    /// resources), the gateway's origin, which the gateway accepts on every route.
    /// </summary>
    private static async Task<string> AudienceAsync(PassportClient passport, Uri endpoint, CancellationToken cancellationToken)
    {
        var discovery = await passport.DiscoverAsync(endpoint, cancellationToken);
        try
        {
            await passport.GetTokenAsync(discovery.Audience, cancellationToken);
            return discovery.Audience;
        }
        catch (PassportApiException e) when (e.Status == 400)
        {
            var origin = endpoint.GetLeftPart(UriPartial.Authority);
            Console.WriteLine($"the IdP does not issue tokens for {discovery.Audience} ({e.Code}); asking for {origin}");
            await passport.GetTokenAsync(origin, cancellationToken);
            return origin;
        }
    }

    private static async Task<int> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var result = await client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken);
        var text = string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        if (result.IsError == true)
        {
            Console.WriteLine($"{tool} failed: {text}");
            return 1;
        }

        Console.WriteLine($"{tool} → {Compact(result.StructuredContent is { } structured ? structured.GetRawText() : text)}");
        return 0;
    }

    private static string Compact(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Readable);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
