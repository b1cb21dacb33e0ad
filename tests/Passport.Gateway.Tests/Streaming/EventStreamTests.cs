using System.Net;
using System.Net.Http.Headers;
using Passport.Gateway.Tests.Infrastructure;

namespace Passport.Gateway.Tests.Streaming;

/// <summary>
/// SSE through the real gateway with a real token and proof: headers reach the client while the upstream still holds its
/// first event (on every route), each event arrives as the upstream sends it, an idle stream outlives the cluster's
/// activity timeout on a <c>Passport:Streaming</c> route and is cut on a normal route, and refusals are unchanged.
/// </summary>
public sealed class EventStreamTests(StreamingStack stack) : IClassFixture<StreamingStack>
{
    /// <summary>A bound on waits that only guards against a hang; no test asserts how long anything took.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("/plain/headers-first")]      // a normal route (the stack's catch-all)
    [InlineData("/streaming/headers-first")]  // a Passport:Streaming route
    public async Task Response_headers_arrive_while_the_upstream_still_holds_its_first_event(string path)
    {
        var stream = stack.Upstream.Stream(path);
        // Should the gateway hold the headers back, the upstream sends its first event anyway after a while, so the test
        // fails on the assertion below instead of hanging.
        using var fallback = new CancellationTokenSource();
        _ = Task.Delay(TimeSpan.FromSeconds(5), fallback.Token).ContinueWith(_ => stream.Send("fallback"), TaskContinuationOptions.OnlyOnRanToCompletion);

        using var response = await OpenAsync(path);
        var sentBeforeHeaders = stream.Sent;
        await fallback.CancelAsync();

        Assert.Equal(0, sentBeforeHeaders);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());

        using var events = new EventReader(await response.Content.ReadAsStreamAsync());
        stream.Send("first");
        Assert.Equal("first", await events.NextAsync());
        stream.Complete();
    }

    [Fact]
    public async Task Each_event_arrives_as_the_upstream_sends_it()
    {
        const string path = "/streaming/each-event";
        var stream = stack.Upstream.Stream(path);
        using var response = await OpenAsync(path);
        using var events = new EventReader(await response.Content.ReadAsStreamAsync());

        // The next event is only released once the previous one was read through the gateway: nothing is buffered.
        for (var i = 1; i <= 5; i++)
        {
            stream.Send("event-" + i);
            Assert.Equal("event-" + i, await events.NextAsync());
        }
        stream.Complete();
        Assert.Null(await events.NextAsync());
    }

    [Fact]
    public async Task An_idle_stream_outlives_the_activity_timeout_on_a_streaming_route()
    {
        const string path = "/streaming/idle";
        var stream = stack.Upstream.Stream(path);
        using var response = await OpenAsync(path);
        using var events = new EventReader(await response.Content.ReadAsStreamAsync());

        await Task.Delay(StreamingStack.ActivityTimeout * 2);
        Assert.False(stream.Ended.IsCompleted, "the gateway cut an idle stream on a Passport:Streaming route");

        stream.Send("after-idle");
        Assert.Equal("after-idle", await events.NextAsync());
        stream.Complete();
    }

    [Fact]
    public async Task An_idle_stream_is_cut_after_the_activity_timeout_on_a_normal_route()
    {
        const string path = "/plain/idle";
        var stream = stack.Upstream.Stream(path);
        using var response = await OpenAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var events = new EventReader(await response.Content.ReadAsStreamAsync());

        // YARP's activity timeout (the cluster's 2 s) cancels the proxied request: the upstream sees it go away ...
        await stream.Ended.WaitAsync(HangGuard);
        // ... and the client's response ends without the event the upstream never got to send.
        stream.Send("too-late");
        await Assert.ThrowsAnyAsync<IOException>(events.NextAsync);
        Assert.Equal(0, stream.Sent);
    }

    [Fact]
    public async Task A_route_timeout_still_caps_a_stream_on_a_streaming_route()
    {
        const string path = "/capped/idle";
        var stream = stack.Upstream.Stream(path);
        using var response = await OpenAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var events = new EventReader(await response.Content.ReadAsStreamAsync());

        // The route's Timeout (1 s, ASP.NET Core request timeouts) ends the request although Passport:Streaming lifted the activity timeout.
        await stream.Ended.WaitAsync(HangGuard);
        stream.Send("too-late");
        await Assert.ThrowsAnyAsync<IOException>(events.NextAsync);
        Assert.Equal(0, stream.Sent);
    }

    [Fact]
    public async Task A_streaming_route_still_refuses_a_request_without_a_token_with_the_usual_challenge()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, stack.Gateway.BaseUrl + "/scoped-stream/refused");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await stack.Gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        var refused = await Refused.ReadAsync(response);
        refused.AssertIs(HttpStatusCode.Unauthorized, null, "credentials.missing");
        Assert.StartsWith("Bearer ", refused.Challenges[0]);
        Assert.Contains("scope=\"mcp:tools\"", refused.Challenges[0]);
        Assert.Contains("/.well-known/oauth-protected-resource/scoped-stream", refused.Challenges[0]);
        Assert.Equal(0, stack.Upstream.Stream("/scoped-stream/refused").Sent);
        Assert.False(stack.Upstream.Stream("/scoped-stream/refused").HeadersFlushed.IsCompleted);
    }

    /// <summary>GET <paramref name="path"/> through the gateway as an SSE client would, with a fresh token and proof; returns at the response headers.</summary>
    private async Task<HttpResponseMessage> OpenAsync(string path)
    {
        var agent = new TestAgent();
        var url = stack.Gateway.BaseUrl + path;
        using var request = TestAgent.Request(HttpMethod.Get, url, agent.Token(stack.Issuer, stack.Audience), agent.Proof(HttpMethod.Get, url));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return await stack.Gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(HangGuard);
    }
}

/// <summary>Reads <c>data:</c> lines of an SSE body, one event at a time.</summary>
internal sealed class EventReader(Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body);

    /// <summary>The next event's data, or null when the stream ended cleanly.</summary>
    public async Task<string?> NextAsync()
    {
        while (await _reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal)) return line["data: ".Length..];
        }
        return null;
    }

    public void Dispose() => _reader.Dispose();
}
