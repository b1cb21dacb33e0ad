using System.Diagnostics;
using System.Net.Http.Headers;
using Passport.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Passport.Gateway.Tests.Streaming;

/// <summary>
/// Measures, for idle event streams (the upstream flushes its headers and then sends nothing), the time from the upstream
/// flushing its headers to the client holding them: directly and through the gateway. Prints the numbers (docs/benchmarks.md,
/// "Streaming"); asserts only that headers came before any event.
/// </summary>
public sealed class HeadersLatencyMeasurement(StreamingStack stack, ITestOutputHelper output) : IClassFixture<StreamingStack>
{
    private const int Streams = 50;

    [Fact]
    public async Task Time_from_upstream_headers_to_client_headers_for_idle_streams()
    {
        using var direct = new HttpClient();
        var agent = new TestAgent();
        var token = agent.Token(stack.Issuer, stack.Audience);
        var bare = await MeasureAsync("/measure-direct/", stack.Upstream.BaseUrl, null);
        var through = await MeasureAsync("/measure-gateway/", stack.Gateway.BaseUrl, token);
        output.WriteLine($"{Streams} idle streams, upstream headers flushed → client has headers (ms): direct {Summary(bare)}; through the gateway {Summary(through)}");

        async Task<List<double>> MeasureAsync(string prefix, string origin, string? bearer)
        {
            var samples = new List<double>();
            for (var i = 0; i < Streams; i++)
            {
                var path = prefix + i;
                var stream = stack.Upstream.Stream(path);
                using var request = new HttpRequestMessage(HttpMethod.Get, origin + path);
                if (bearer is not null)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", "DPoP " + bearer);
                    request.Headers.TryAddWithoutValidation("DPoP", agent.Proof(HttpMethod.Get, origin + path));
                }
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                var client = bearer is null ? direct : stack.Gateway.Client;
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(30));
                var arrived = Stopwatch.GetTimestamp();
                Assert.Equal(0, stream.Sent);
                samples.Add(Stopwatch.GetElapsedTime(await stream.HeadersFlushed, arrived).TotalMilliseconds);
                stream.Complete();
            }
            return samples;
        }
    }

    private static string Summary(List<double> samples)
    {
        var sorted = samples.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return $"median {At(0.5):F2}, p90 {At(0.9):F2}, max {sorted[^1]:F2}";
    }
}
