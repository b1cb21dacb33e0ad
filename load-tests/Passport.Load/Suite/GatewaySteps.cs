using System.Collections.Concurrent;
using Passport.Load.Auth;
using Passport.Load.Http;

namespace Passport.Load.Suite;

/// <summary>Steps against the Passport gateway: valid requests with a fresh pooled proof each, and the 90/10 valid/invalid mix.</summary>
public static class GatewaySteps
{
    /// <summary>Counter: invalid requests sent (mix scenario).</summary>
    public const string InvalidSent = "invalid_sent";

    /// <summary>Counter: invalid requests refused with 401/403 (mix scenario).</summary>
    public const string InvalidRefused = "invalid_refused";

    /// <summary>Counter: invalid requests the gateway let through — must stay 0.</summary>
    public const string InvalidAccepted = "invalid_accepted";

    /// <summary>Counter: valid requests sent.</summary>
    public const string ValidSent = "valid_sent";

    /// <summary>How far pooled proofs' <c>iat</c> is moved ahead: the middle of the measured phase, at most 30 s.</summary>
    public static TimeSpan IatOffset(TimeSpan measuredDuration) => TimeSpan.FromSeconds(Math.Min(30, measuredDuration.TotalSeconds / 2));

    /// <summary>Every request valid: <c>Authorization: DPoP</c> + a proof used once; expects 200.</summary>
    public static Scenario Valid(string name, ILoadHttp http, Uri uri, Agent agent, TimeSpan measuredDuration, string description) =>
        Valid(name, http, uri, agent.Proofs(uri.ToString()), agent.Authorization, measuredDuration, description);

    /// <summary>Every request valid, with <paramref name="authorization"/> and a proof from <paramref name="proofs"/> (EdDSA or ES256) used once; expects 200.</summary>
    public static Scenario Valid(string name, ILoadHttp http, Uri uri, ProofPool proofs, string authorization, TimeSpan measuredDuration, string description)
    {
        return new Scenario(name, async (context, ct) =>
        {
            if (proofs.Take() is not { } proof)
            {
                context.Control.Stop("proof pool exhausted");
                return StepResult.NotSent;
            }

            var status = await http.GetAsync(uri, authorization, proof, ct).ConfigureAwait(false);
            return new StepResult(status == 200, status);
        })
        {
            Description = description,
            PrepareMeasurement = (count, _) =>
            {
                proofs.Fill(count, IatOffset(measuredDuration));
                return ValueTask.CompletedTask;
            },
        };
    }

    /// <summary>
    /// 90 % valid, 10 % invalid (every 10th request), the invalid ones cycling through: a replayed proof (one that
    /// already got a 200), a proof signed by another key, a tampered token, no DPoP header, a proof for another
    /// URL. A valid request expects 200; an invalid one expects 401/403 and is counted in
    /// <see cref="InvalidRefused"/> or <see cref="InvalidAccepted"/>.
    /// </summary>
    public static Scenario Mix(string name, ILoadHttp http, Uri uri, Agent agent, Agent intruder, TimeSpan measuredDuration)
    {
        var valid = agent.Proofs(uri.ToString());
        var foreign = intruder.Proofs(uri.ToString());
        var wrongUri = agent.Proofs(new Uri(uri, "/not-this-path").ToString());
        var tamperedAuthorization = "DPoP " + Tamper(agent.Token);
        var used = new ConcurrentQueue<string>();

        async ValueTask<StepResult> SendInvalidAsync(ScenarioContext context, CancellationToken ct)
        {
            var kind = context.RequestNumber / 10 % 5;
            string? proof;
            var authorization = agent.Authorization;
            switch (kind)
            {
                case 0 when used.TryDequeue(out var replayed):
                    proof = replayed;
                    break;
                case 0:
                case 1:
                    proof = foreign.Take();
                    break;
                case 2:
                    proof = valid.Take();
                    authorization = tamperedAuthorization;
                    break;
                case 3:
                    proof = null;
                    break;
                default:
                    proof = wrongUri.Take();
                    break;
            }

            if (kind != 3 && proof is null)
            {
                context.Control.Stop("proof pool exhausted");
                return StepResult.NotSent;
            }

            context.Counters.Increment(InvalidSent);
            var status = await http.GetAsync(uri, authorization, proof, ct).ConfigureAwait(false);
            var refused = status is 401 or 403;
            context.Counters.Increment(refused ? InvalidRefused : InvalidAccepted);
            return new StepResult(refused, status);
        }

        return new Scenario(name, async (context, ct) =>
        {
            if (context.RequestNumber % 10 == 9)
            {
                return await SendInvalidAsync(context, ct).ConfigureAwait(false);
            }

            if (valid.Take() is not { } proof)
            {
                context.Control.Stop("proof pool exhausted");
                return StepResult.NotSent;
            }

            context.Counters.Increment(ValidSent);
            var status = await http.GetAsync(uri, agent.Authorization, proof, ct).ConfigureAwait(false);
            if (status == 200 && used.Count < 4096)
            {
                used.Enqueue(proof);
            }

            return new StepResult(status == 200, status);
        })
        {
            Description = "Passport gateway, 90 % valid / 10 % invalid (replayed proof, foreign key, tampered token, no proof, wrong htu); every invalid one must be refused",
            PrepareMeasurement = (count, _) =>
            {
                var offset = IatOffset(measuredDuration);
                valid.Fill(count, offset);
                foreign.Fill((count / 20) + 64, offset);
                wrongUri.Fill((count / 40) + 64, offset);
                return ValueTask.CompletedTask;
            },
        };
    }

    /// <summary>Changes one character in the middle of the token's signature, keeping it base64url.</summary>
    internal static string Tamper(string token)
    {
        var chars = token.ToCharArray();
        var i = token.LastIndexOf('.') + 10;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
