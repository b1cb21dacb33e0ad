using System.Buffers.Text;
using System.Security.Cryptography;
using Passes;
using Passport.Server.Problems;

namespace Passport.Server.Approvals;

/// <summary>
/// Owner-console sign-in through Passes (docs/owner.md "Sign-in"): an <c>org.passport.owner-sign-in</c> request for an
/// e-mail address, answered with a result signed by the key bound to that owner. The same verifier, request store and
/// checks as every approval (<see cref="OpenRequestAsync"/>); only the refusal differs: one generic 403, no oracle.
/// </summary>
internal sealed partial class ApprovalService
{
    /// <summary>The sign-in page: <c>/owner/sign-in/passes?email=</c>; <c>/request</c> and <c>/complete</c> below it.</summary>
    public const string SignInPath = "/owner/sign-in/passes";

    /// <summary>
    /// Issues a sign-in request for <paramref name="email"/>. Issued for ANY address (known or not, key bound or not) and
    /// answered the same way, so the request step reveals nothing; the checks happen on completion.
    /// </summary>
    public async Task<(byte[] Request, SignInRequestBody Body)> StartSignInAsync(string email)
    {
        var now = time.GetUtcNow();
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var expiresAt = now.AddSeconds(options.Value.RequestTtlSeconds);
        var body = new SignInRequestBody(Origin, nonce, ApprovalTopics.SignInAction, email, expiresAt.ToUnixTimeSeconds());
        var request = RequestEnvelopeV0.Encode(ApprovalTopics.OwnerSignIn, ApprovalTopics.SignInCodec.Encode(body));
        await approvals.CreateRequestAsync(new PendingApproval(nonce, SignInHash(email), request, expiresAt));
        return (request, body);
    }

    /// <summary>
    /// Verifies the answer to a sign-in request of <paramref name="email"/>: accepted, signed by the key BOUND to that
    /// owner (after completing a due recovery; a key is never bound here), answering an open request filed for this
    /// address (nonce single use, unexpired, topic, request hash, origin, age), payload <c>{action:"sign-in", email}</c>.
    /// True when signed in, false when the owner rejected in their provider. Malformed input is the usual 400
    /// <c>approval.invalid_result</c> / <c>approval.not_accepted</c> (they do not depend on the address); every other
    /// failure is 403 <c>owner_signin.refused</c>.
    /// </summary>
    public async Task<bool> CompleteSignInAsync(string email, byte[] resultEnvelope)
    {
        var now = time.GetUtcNow();
        var result = DecodeResult(resultEnvelope);
        if (result.Status == ResultStatus.Rejected) return false;
        if (result.Status != ResultStatus.Accepted)
        {
            throw ApiProblem.BadRequest(ApprovalProblemCodes.NotAccepted, "Only an accepted, signed result signs in.");
        }
        try
        {
            // Without a bound key nothing can sign in: a sign-in never binds a key on first use (it has no mailed secret).
            var bound = await OwnerKeyAsync(OwnerIdOf(email), now) ?? throw SignInRefused();
            var verified = Verify(result.Body.Span, bound.Thumbprint);
            var body = DecodeBody(verified);
            var pending = await OpenRequestAsync(body, SignInHash(email), now);
            ApprovalPayload.CheckSignIn(body.Payload, email);
            if (!await approvals.TryConsumeRequestAsync(pending.Nonce, pending.LinkHash, now)) throw SignInRefused();
            LogSignedIn(logger, OwnerIdOf(email)[..12], verified.SignerThumbprint);
            return true;
        }
        catch (ApiProblem e) when (e.Code != ProblemCodes.OwnerSignInRefused)
        {
            // The precise reason would say whether the address has a key (signer mismatch vs. none): log it, answer generically.
            LogSignInRefused(logger, e.Code);
            throw SignInRefused();
        }
    }

    /// <summary>The one refusal of a signed sign-in (docs/owner.md): the same for an unknown address, no key, another key, a replay.</summary>
    public static ApiProblem SignInRefused() => ApiProblem.Forbidden(ProblemCodes.OwnerSignInRefused,
        "This sign-in was refused: it must be signed by the Passes key bound to this address, for a request not yet answered. "
        + "Sign in with the mailed link instead, or request a new sign-in.");

    /// <summary>Sign-in requests have no owner link: they are filed under the owner id of the typed address.</summary>
    private static string SignInHash(string email) => "sign-in:" + OwnerIdOf(email);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Information, Message = "Owner {OwnerIdPrefix}… signed in to the console through Passes (key {Thumbprint})")]
    private static partial void LogSignedIn(ILogger logger, string ownerIdPrefix, string thumbprint);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Information, Message = "Console sign-in through Passes refused ({Code})")]
    private static partial void LogSignInRefused(ILogger logger, string code);
}
