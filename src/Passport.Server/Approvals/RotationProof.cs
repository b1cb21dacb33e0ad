using System.Text.Json;
using Passport.Core.Identity;
using Passport.Server.Challenges;
using Passport.Server.Http;
using Passport.Server.Problems;
using Passport.Server.Storage;

namespace Passport.Server.Approvals;

/// <summary>
/// A rotation also needs the NEW key's possession proof, as in <c>POST /auth/owner/approve</c>: <c>{nonce, signature}</c>,
/// the new key's Ed25519 signature over a nonce from <c>POST /auth/challenge {did: newDid}</c>. The owner's approval
/// says "move my agent to this DID"; the proof says the DID's key exists and is held.
/// </summary>
internal sealed class RotationProof(IChallengeStore challenges)
{
    public async Task VerifyAsync(JsonElement? proof, string newDid, DateTimeOffset now)
    {
        if (proof is not { ValueKind: JsonValueKind.Object } value)
        {
            throw ApiProblem.BadRequest(ProblemCodes.OwnerProofRequired,
                "A rotation needs proof: {\"proof\":{\"nonce\":…,\"signature\":…}} where the new key signs a nonce from POST /auth/challenge {did: newDid}.");
        }
        var nonce = JsonFields.Required(value, "nonce", 256);
        var signature = JsonFields.Required(value, "signature", 256);
        ChallengeSignature.Verify(DidKey.Parse(newDid), nonce, signature);
        await ChallengeEndpoint.RedeemAsync(challenges, newDid, nonce, now);
    }
}
