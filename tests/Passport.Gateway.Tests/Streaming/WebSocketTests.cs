using System.Net;
using System.Net.WebSockets;
using System.Text;
using Passport.Gateway.Tests.Infrastructure;

namespace Passport.Gateway.Tests.Streaming;

/// <summary>
/// A WebSocket upgrade through the real gateway to a real WebSocket upstream: with token and proof on the upgrade request
/// the echo works (also after idling longer than the cluster's activity timeout, on a <c>Passport:Streaming</c> route);
/// without a token the upgrade is refused 401 before the upstream sees it.
/// </summary>
public sealed class WebSocketTests(StreamingStack stack) : IClassFixture<StreamingStack>
{
    [Theory]
    [InlineData("/plain/ws", false)]
    [InlineData("/streaming/ws", true)]
    public async Task A_websocket_upgrade_with_token_and_proof_echoes_through_the_gateway(string path, bool idleFirst)
    {
        var agent = new TestAgent();
        var url = stack.Gateway.BaseUrl + path;
        using var socket = new ClientWebSocket();
        // The upgrade is an HTTP GET: the proof's htu is the http URL the gateway sees.
        socket.Options.SetRequestHeader("Authorization", "DPoP " + agent.Token(stack.Issuer, stack.Audience));
        socket.Options.SetRequestHeader("DPoP", agent.Proof(HttpMethod.Get, url));
        await socket.ConnectAsync(new Uri("ws" + url["http".Length..]), CancellationToken.None);

        Assert.Equal("hello", await EchoAsync(socket, "hello"));
        if (idleFirst)
        {
            await Task.Delay(StreamingStack.ActivityTimeout * 2);
            Assert.Equal(WebSocketState.Open, socket.State);
        }
        Assert.Equal("again", await EchoAsync(socket, "again"));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Fact]
    public async Task A_websocket_upgrade_without_a_token_is_refused_401()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var url = stack.Gateway.BaseUrl + "/streaming/ws-refused";
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri("ws" + url["http".Length..]), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        Assert.NotNull(socket.HttpResponseHeaders);
        Assert.True(socket.HttpResponseHeaders.TryGetValue("WWW-Authenticate", out var challenges));
        Assert.StartsWith("Bearer ", challenges.First());
    }

    private static async Task<string> EchoAsync(ClientWebSocket socket, string text)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // a hang guard, not a duration assertion
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, guard.Token);
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, guard.Token);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }
}
