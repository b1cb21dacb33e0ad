using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpServer.Tools;

/// <summary>
/// The legacy API's <c>/orders</c> over HTTP. The caller's plain <c>X-Passport-*</c> headers are passed on, so the
/// legacy API records the same owner whether it is called directly through the gateway or through this server.
/// </summary>
public sealed class LegacyOrdersClient(HttpClient http, IHttpContextAccessor context)
{
    /// <summary>The prefix of the identity headers the gateway sets (and strips from clients).</summary>
    public const string IdentityHeaderPrefix = "X-Passport-";

    /// <summary><c>GET /orders</c>: the caller and every order, as the legacy API returned them.</summary>
    public Task<JsonNode?> ListAsync(CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, "/orders"), cancellationToken);

    /// <summary><c>GET /orders/{id}</c>.</summary>
    public Task<JsonNode?> GetAsync(int id, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/orders/{id}"), cancellationToken);

    /// <summary><c>POST /orders {item, quantity}</c>.</summary>
    public Task<JsonNode?> PlaceAsync(string item, int quantity, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(new { item, quantity }) }, cancellationToken);

    /// <summary>The identity headers of the MCP request being served (empty outside a request).</summary>
    public IReadOnlyDictionary<string, string> IdentityHeaders()
    {
        var headers = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (context.HttpContext?.Request.Headers is { } request)
        {
            foreach (var (name, values) in request)
            {
                if (name.StartsWith(IdentityHeaderPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    headers[name] = values.ToString();
                }
            }
        }

        return headers;
    }

    private async Task<JsonNode?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            foreach (var (name, value) in IdentityHeaders())
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // A tool error the model can read (the SDK turns the exception's message into an isError result).
                throw new InvalidOperationException($"The orders API answered {(int)response.StatusCode}: {Detail(body)}");
            }

            return string.IsNullOrEmpty(body) ? null : JsonNode.Parse(body);
        }
    }

    private static string Detail(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["detail"]?.GetValue<string>() ?? body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
