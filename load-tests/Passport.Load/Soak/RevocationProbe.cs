using System.Diagnostics;
using Passport.Load.Auth;
using Passport.Load.Http;
using Passport.Load.Suite;

namespace Passport.Load.Soak;

/// <summary>
/// One revocation per soak phase, next to the phase's load: a fresh agent sends a request every
/// <see cref="Interval"/>; after <c>publishAfter</c> the probe revokes it as the IdP does (SADD + PUBLISH,
/// <see cref="RevocationScenario.RevokeAsync"/>) and keeps sending for <see cref="After"/>. The result is the time
/// from the publish to the send time of the last request of that agent that was still accepted.
/// </summary>
public static class RevocationProbe
{
    /// <summary>Time between the probe agent's requests.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    /// <summary>How long the probe keeps sending after the publish (more than the 1-s promise).</summary>
    public static readonly TimeSpan After = TimeSpan.FromSeconds(2);

    /// <summary>The outcome of one probe.</summary>
    /// <param name="EnforcedAfterMs">Publish → last accepted request, ms (0: none accepted after publish; −1: never refused).</param>
    /// <param name="AcceptedBefore">Requests accepted before the publish (expected: all of them).</param>
    /// <param name="RefusedBefore">Requests refused before the publish (expected: none).</param>
    /// <param name="AcceptedAfter">Requests accepted after the publish.</param>
    /// <param name="RefusedAfter">Requests refused (403) after the publish.</param>
    public sealed record Outcome(double EnforcedAfterMs, long AcceptedBefore, long RefusedBefore, long AcceptedAfter, long RefusedAfter)
    {
        /// <summary>True when every request before the publish passed and the agent was refused within 1 s, for good.</summary>
        public bool Enforced => RefusedBefore == 0 && AcceptedBefore > 0 && EnforcedAfterMs is >= 0 and <= 1000 && RefusedAfter > 0;
    }

    /// <summary>Runs one probe against <paramref name="uri"/>; <paramref name="eventId"/> numbers the revocation event.</summary>
    public static async Task<Outcome> RunAsync(ILoadHttp http, IdpStub idp, Uri uri, string redis, long eventId, TimeSpan publishAfter, CancellationToken cancellationToken)
    {
        using var agent = Agent.Create(idp, uri.GetLeftPart(UriPartial.Authority), "soak-revoked-" + eventId);
        var proofs = agent.Proofs(uri.ToString());
        var sent = new List<long>();
        var statuses = new List<int>();
        long publishedAt = 0;
        var publish = Task.Delay(publishAfter, cancellationToken)
            .ContinueWith(_ => RevocationScenario.RevokeAsync(redis, agent, eventId, () => Volatile.Write(ref publishedAt, Stopwatch.GetTimestamp())), cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default)
            .Unwrap();
        var stopAt = Stopwatch.GetTimestamp() + (long)((publishAfter + After + TimeSpan.FromSeconds(5)).TotalSeconds * Stopwatch.Frequency);
        while (!cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < stopAt)
        {
            var published = Volatile.Read(ref publishedAt);
            if (published != 0 && Stopwatch.GetElapsedTime(published) > After)
            {
                break;
            }

            var at = Stopwatch.GetTimestamp();
            var status = await http.GetAsync(uri, agent.Authorization, proofs.Take(), cancellationToken).ConfigureAwait(false);
            sent.Add(at);
            statuses.Add(status);
            await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
        }

        await publish.ConfigureAwait(false);
        var publishedTime = Volatile.Read(ref publishedAt);
        var extra = RevocationScenario.Enforcement([.. sent], [.. statuses], publishedTime);
        long acceptedBefore = 0, refusedBefore = 0;
        for (var i = 0; i < sent.Count; i++)
        {
            if (publishedTime != 0 && sent[i] >= publishedTime)
            {
                continue;
            }

            if (statuses[i] == 200)
            {
                acceptedBefore++;
            }
            else
            {
                refusedBefore++;
            }
        }

        return new Outcome(extra[RevocationScenario.EnforcedAfterMs], acceptedBefore, refusedBefore,
            (long)extra.GetValueOrDefault("accepted_after_publish"), (long)extra.GetValueOrDefault("refused_after_publish"));
    }
}
