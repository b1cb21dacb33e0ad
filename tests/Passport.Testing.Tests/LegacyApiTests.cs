using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LegacyApi;
using Microsoft.AspNetCore.Builder;

namespace Passport.Testing.Tests;

/// <summary>The sample upstream, on Kestrel on a free loopback port, over real HTTP.</summary>
public sealed class LegacyApiTests : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var url = $"http://127.0.0.1:{FreePort.Get()}";
        _app = LegacyApp.Build(["--urls", url, "--Logging:LogLevel:Default=Warning"]);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(url) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Healthz_answers()
    {
        Assert.Equal("ok", await _http.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task Lists_seed_orders_and_echoes_the_caller_handle()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders");
        request.Headers.Add(LegacyApp.HandleHeader, "alice.example");
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("alice.example", json.RootElement.GetProperty("caller").GetString());
        Assert.True(json.RootElement.GetProperty("orders").GetArrayLength() >= 2);

        using var anonymous = JsonDocument.Parse(await _http.GetStringAsync("/orders"));
        Assert.Equal(JsonValueKind.Null, anonymous.RootElement.GetProperty("caller").ValueKind);
    }

    [Fact]
    public async Task Gets_one_order_or_a_404_problem()
    {
        using var seed = JsonDocument.Parse(await _http.GetStringAsync("/orders/1"));
        Assert.Equal(1, seed.RootElement.GetProperty("id").GetInt32());

        using var missing = await _http.GetAsync("/orders/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Creates_an_order_owned_by_the_handle_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = JsonContent.Create(new { item = "green tea", quantity = 3 }),
        };
        request.Headers.Add(LegacyApp.HandleHeader, "bob.example");
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = created.RootElement.GetProperty("id").GetInt32();
        Assert.Equal($"/orders/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("bob.example", created.RootElement.GetProperty("owner").GetString());

        using var fetched = JsonDocument.Parse(await _http.GetStringAsync($"/orders/{id}"));
        Assert.Equal("green tea", fetched.RootElement.GetProperty("item").GetString());
        Assert.Equal(3, fetched.RootElement.GetProperty("quantity").GetInt32());
    }

    [Theory]
    [InlineData("{\"item\": \"tea\"}")]
    [InlineData("{\"item\": \"\", \"quantity\": 1}")]
    [InlineData("{\"item\": \"tea\", \"quantity\": 0}")]
    [InlineData("{\"item\": \"tea\", \"quantity\": \"many\"}")]
    [InlineData("{\"quantity\": 1}")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[1, 2]")]
    public async Task Bad_input_is_a_400_problem(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("/orders", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Echoes_request_headers_joining_repeated_values()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/headers");
        request.Headers.Add("X-Passport-Sub", "did:key:z6Mk");
        request.Headers.TryAddWithoutValidation("X-Multi", ["a", "b"]);
        using var response = await _http.SendAsync(request);
        var headers = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>();
        Assert.NotNull(headers);
        var lookup = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("did:key:z6Mk", lookup["X-Passport-Sub"]);
        Assert.Equal("a, b", lookup["X-Multi"]);
        Assert.True(lookup.ContainsKey("Host"));
    }

    [Fact]
    public async Task Concurrent_creates_get_distinct_ids()
    {
        var tasks = Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await _http.PostAsJsonAsync("/orders", new { item = $"item {i}", quantity = 1 });
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.GetProperty("id").GetInt32();
        });
        var ids = await Task.WhenAll(tasks);
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }
}
