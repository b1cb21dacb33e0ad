using System.Net;

namespace Passport.Gateway.Tests.Infrastructure;

/// <summary>Bounded polling: repeat a fresh request until it gets the expected status or the deadline passes (never asserts a duration).</summary>
public static class Poll
{
    public static async Task<HttpStatusCode> UntilStatusAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            using var response = await send();
            if (response.StatusCode == expected || DateTime.UtcNow > deadline) return response.StatusCode;
            await Task.Delay(25);
        }
    }
}
