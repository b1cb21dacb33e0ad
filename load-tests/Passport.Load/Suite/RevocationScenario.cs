using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Passport.Load.Auth;
using Passport.Load.Http;
using StackExchange.Redis;

namespace Passport.Load.Suite;

/// <summary>
/// Scenario 8: one agent's requests at a steady rate; halfway through the measured phase the runner revokes the
/// agent the way the IdP does (docs/api-contract.md: <c>SADD passport:revoked:dids &lt;did&gt;</c>, then
/// <c>PUBLISH passport:revocations &lt;event&gt;</c>). Result: the time from the publish to the send time of the
/// first request after which every request of that agent was refused.
/// </summary>
public static class RevocationScenario
{
    /// <summary>Extra result: milliseconds from publish until every later request was refused (−1: never).</summary>
    public const string EnforcedAfterMs = "revocation_enforced_after_ms";

    /// <summary>Creates the scenario; <paramref name="redis"/> is the Redis the gateway listens to.</summary>
    public static Scenario Create(string name, ILoadHttp http, Uri uri, Agent agent, string redis, TimeSpan measuredDuration)
    {
        var proofs = agent.Proofs(uri.ToString());
        long[] sent = [];
        int[] statuses = [];
        var measuring = false;
        long publishedAt = 0;
        Task? publisher = null;

        async Task PublishAsync(TimeSpan delay)
        {
            await Task.Delay(delay).ConfigureAwait(false);
            await RevokeAsync(redis, agent, 1, () => Volatile.Write(ref publishedAt, Stopwatch.GetTimestamp())).ConfigureAwait(false);
        }

        return new Scenario(name, async (context, ct) =>
        {
            if (measuring && context.RequestNumber == 0)
            {
                publisher ??= PublishAsync(measuredDuration / 2);
            }

            if (proofs.Take() is not { } proof)
            {
                context.Control.Stop("proof pool exhausted");
                return StepResult.NotSent;
            }

            var status = await http.GetAsync(uri, agent.Authorization, proof, ct).ConfigureAwait(false);
            if (measuring && context.RequestNumber < sent.Length)
            {
                sent[context.RequestNumber] = context.IntendedTimestamp;
                statuses[context.RequestNumber] = status;
            }

            return new StepResult(status is 200 or 403, status);
        })
        {
            Description = "Passport gateway (Redis), one agent revoked halfway (SADD + PUBLISH as the IdP does): time until every request of that agent is refused",
            PrepareMeasurement = (count, _) =>
            {
                proofs.Fill(count, GatewaySteps.IatOffset(measuredDuration));
                sent = new long[count];
                statuses = new int[count];
                measuring = true;
                return ValueTask.CompletedTask;
            },
            CollectExtra = () => Enforcement(sent, statuses, Volatile.Read(ref publishedAt)),
        };
    }

    /// <summary>
    /// Revokes <paramref name="agent"/> the way the IdP does: <c>SADD passport:revoked:dids</c>, then <c>PUBLISH
    /// passport:revocations</c> with event <paramref name="eventId"/>; <paramref name="publishing"/> runs just before.
    /// </summary>
    public static async Task RevokeAsync(string redis, Agent agent, long eventId, Action publishing)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis).ConfigureAwait(false);
        var db = connection.GetDatabase();
        var evt = JsonSerializer.Serialize(new
        {
            id = eventId,
            type = "record_revoked",
            handle = agent.Handle,
            did = agent.Did,
            at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        });
        publishing();
        await db.SetAddAsync("passport:revoked:dids", agent.Did).ConfigureAwait(false);
        await connection.GetSubscriber().PublishAsync(RedisChannel.Literal("passport:revocations"), evt).ConfigureAwait(false);
    }

    /// <summary>From (send time, status) pairs and the publish time: when enforcement began, and what happened after publish.</summary>
    internal static IReadOnlyDictionary<string, double> Enforcement(long[] sent, int[] statuses, long publishedAt)
    {
        if (publishedAt == 0)
        {
            return new Dictionary<string, double> { [EnforcedAfterMs] = -1 };
        }

        long lastAccepted = 0;
        long acceptedAfter = 0;
        long refusedAfter = 0;
        for (var i = 0; i < sent.Length; i++)
        {
            if (sent[i] == 0 || sent[i] < publishedAt)
            {
                continue;
            }

            if (statuses[i] == 200)
            {
                acceptedAfter++;
                lastAccepted = Math.Max(lastAccepted, sent[i]);
            }
            else if (statuses[i] == 403)
            {
                refusedAfter++;
            }
        }

        double enforced = refusedAfter == 0 ? -1 : lastAccepted == 0 ? 0 : (lastAccepted - publishedAt) * 1000.0 / Stopwatch.Frequency;
        return new Dictionary<string, double>
        {
            [EnforcedAfterMs] = Math.Round(enforced, 1),
            ["accepted_after_publish"] = acceptedAfter,
            ["refused_after_publish"] = refusedAfter,
        };
    }
}
