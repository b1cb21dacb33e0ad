using Microsoft.Extensions.Options;
using Passport.AspNetCore.Refusals;
using Passport.AspNetCore.Replay;
using Passport.Core.Identity;
using Passport.Core.Protocol;
using Passport.Core.Tokens;
using Passport.Server.Challenges;
using Passport.Server.Configuration;
using Passport.Server.Dpop;
using Passport.Server.Http;
using Passport.Server.Problems;
using Passport.Server.Registration;
using Passport.Server.Storage;

namespace Passport.Server.Tokens;

/// <summary>
/// <c>POST /auth/token</c> with a DPoP proof and <c>{did, nonce, signature, aud?}</c> (seeds/004 §4.2): signature over
/// the nonce bytes, proof (htu = this endpoint, key = the DID's key), nonce redeemed atomically, then the EdDSA token.
/// A form-encoded body is the OAuth <c>client_credentials</c> grant instead (<see cref="ClientCredentialsGrant"/>): one
/// token endpoint, the one AS metadata names, for both the seeds/004 flow and stock OAuth clients.
/// </summary>
internal static partial class TokenEndpoint
{
    /// <summary>The token endpoint's path (AS metadata <c>token_endpoint</c>, the proofs' <c>htu</c>).</summary>
    public const string Path = "/auth/token";

    public static async Task<IResult> HandleAsync(HttpContext context, IRecordStore records, IChallengeStore challenges, RequestProof proofs,
        AudiencePolicy audiences, TokenMinter minter, DidRateLimits didLimits, TimeProvider time, ILogger<TokenMinter> logger)
    {
        if (ClientCredentialsGrant.IsFormRequest(context.Request))
        {
            var services = context.RequestServices;
            return await ClientCredentialsGrant.HandleAsync(context, records, proofs, services.GetRequiredService<IReplayStore>(), audiences, minter,
                didLimits, services.GetRequiredService<IOptions<PassportServerOptions>>(), time, logger);
        }
        using var body = await JsonBody.ReadObjectAsync(context.Request);
        var root = body.RootElement;
        var did = RegistrationEndpoint.ParseDid(JsonFields.Required(root, "did", DidKey.MaxLength * 2));
        didLimits.Enforce(context, "token", did.Value);
        var nonce = JsonFields.Required(root, "nonce", 256);
        var signature = JsonFields.Required(root, "signature", 256);
        var audience = audiences.Resolve(root);

        var record = await records.FindByDidAsync(did.Value)
            ?? throw ApiProblem.NotFound(ProblemCodes.RecordNotFound, "No Passport record has this DID.");
        if (record.Status == PassportStatus.Revoked)
        {
            throw ApiProblem.Forbidden(RefusalCatalog.Revoked.Code, "The Passport record of this DID is revoked.");
        }
        ChallengeSignature.Verify(did, nonce, signature);
        var proof = await proofs.ValidateAsync(context, Path, accessToken: null, expectedJkt: did.Thumbprint);
        if (!proof.Succeeded) throw new ApiProblem(proof.Status, proof.Code, proof.Description);
        await ChallengeEndpoint.RedeemAsync(challenges, did.Value, nonce, time.GetUtcNow());

        var token = minter.IssueSelf(record, did.Thumbprint, audience);
        LogIssued(logger, record.Handle, audience);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { token, access_token = token, token_type = DpopConstants.TokenType });
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Issued a token for {Handle} to audience {Audience}")]
    private static partial void LogIssued(ILogger logger, string handle, string audience);
}
