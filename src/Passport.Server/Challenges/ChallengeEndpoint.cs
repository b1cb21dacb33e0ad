using Microsoft.Extensions.Options;
using Passport.AspNetCore.Refusals;
using Passport.Core.Identity;
using Passport.Core.Tokens;
using Passport.Server.Configuration;
using Passport.Server.Http;
using Passport.Server.Problems;
using Passport.Server.Registration;
using Passport.Server.Storage;

namespace Passport.Server.Challenges;

/// <summary><c>POST /auth/challenge {did}</c> → <c>{nonce, expiresAt}</c>: single-use, bound to the DID, 5-minute TTL.</summary>
internal static class ChallengeEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, IRecordStore records, IOwnerLinkStore links, IChallengeStore challenges,
        DidRateLimits didLimits, IOptions<PassportServerOptions> options, TimeProvider time)
    {
        using var body = await JsonBody.ReadObjectAsync(context.Request);
        var did = RegistrationEndpoint.ParseDid(JsonFields.Required(body.RootElement, "did", DidKey.MaxLength * 2));
        didLimits.Enforce(context, "challenge", did.Value);
        var now = time.GetUtcNow();
        var record = await records.FindByDidAsync(did.Value);
        if (record is null && !await links.HasPendingRotationAsync(did.Value, now))
        {
            throw ApiProblem.NotFound(ProblemCodes.RecordNotFound, "No Passport record has this DID; register it first with POST /auth/register.");
        }
        if (record?.Status == PassportStatus.Revoked)
        {
            throw ApiProblem.Forbidden(RefusalCatalog.Revoked.Code, "The Passport record of this DID is revoked.");
        }
        var nonce = ChallengeNonce.Create();
        var expiresAt = now.AddSeconds(options.Value.ChallengeTtlSeconds);
        await challenges.CreateAsync(ChallengeNonce.Hash(nonce), did.Value, expiresAt);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { nonce, expiresAt = expiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture) }, ServerJson.Options);
    }

    /// <summary>Redeems a nonce for <paramref name="did"/>, mapping failures to distinct 400 codes.</summary>
    public static async Task RedeemAsync(IChallengeStore challenges, string did, string nonce, DateTimeOffset now)
    {
        switch (await challenges.RedeemAsync(ChallengeNonce.Hash(nonce), did, now))
        {
            case Redemption.Unknown: throw ApiProblem.BadRequest(ProblemCodes.ChallengeUnknown, "This nonce was not issued for this DID; request one with POST /auth/challenge.");
            case Redemption.Expired: throw ApiProblem.BadRequest(ProblemCodes.ChallengeExpired, "This nonce has expired; request a new one.");
            case Redemption.Used: throw ApiProblem.BadRequest(ProblemCodes.ChallengeUsed, "This nonce has already been used; nonces are single-use.");
        }
    }
}
