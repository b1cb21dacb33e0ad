using System.Text;
using Passport.Core.Protocol;

namespace Passport.Cli;

/// <summary>
/// Re-sends a request that already went out with exactly the same <c>Authorization</c> and <c>DPoP</c> headers, the way
/// an attacker who captured it would. Used by <c>passport call --replay</c> to show that a server refuses replayed proofs.
/// </summary>
internal static class ProofReplay
{
    public static Task<HttpResponseMessage> SendAgainAsync(HttpClient http, HttpRequestMessage sent, string? body, CancellationToken ct)
    {
        var again = new HttpRequestMessage(sent.Method, sent.RequestUri);
        foreach (var name in new[] { "Authorization", DpopConstants.HeaderName })
        {
            if (sent.Headers.TryGetValues(name, out var values))
            {
                again.Headers.TryAddWithoutValidation(name, values);
            }
        }
        if (body is not null)
        {
            again.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        return http.SendAsync(again, ct);
    }
}
