using System.Text.Json;
using Passport.Server.Owner;
using Passport.Server.Problems;
using Passport.Server.Storage;

namespace Passport.Server.Approvals;

/// <summary>
/// The signed payload must describe the owner link's action: <c>{action, handle}</c> plus <c>actor</c> and <c>scope</c>
/// (delegate), <c>newDid</c> (rotate) or <c>grantId</c> (ungrant). The request hash already binds the request; this makes the signed body
/// self-describing and refuses a provider that signed something other than what it showed.
/// </summary>
internal static class ApprovalPayload
{
    public static void Check(JsonElement payload, OwnerLink link)
    {
        if (payload.ValueKind != JsonValueKind.Object) throw Mismatch("the payload is not a JSON object");
        Expect(payload, "action", link.Action);
        Expect(payload, "handle", link.Handle);
        switch (link.Action)
        {
            case OwnerActions.Delegate:
                Expect(payload, "actor", link.Actor!);
                if (!payload.TryGetProperty("scope", out var scope) || scope.ValueKind != JsonValueKind.Array
                    || !scope.EnumerateArray().Select(s => s.ValueKind == JsonValueKind.String ? s.GetString() : null)
                        .SequenceEqual(link.Scope ?? []))
                {
                    throw Mismatch("scope is not the requested scope list");
                }
                break;
            case OwnerActions.Rotate:
                Expect(payload, "newDid", link.NewDid!);
                break;
            case OwnerActions.Ungrant:
                Expect(payload, "grantId", link.GrantId!);
                break;
        }
    }

    /// <summary>The payload of an <c>org.passport.owner-sign-in</c> approval: <c>{action: "sign-in", email}</c>, the address requested.</summary>
    public static void CheckSignIn(JsonElement payload, string email)
    {
        if (payload.ValueKind != JsonValueKind.Object) throw Mismatch("the payload is not a JSON object");
        Expect(payload, "action", ApprovalTopics.SignInAction);
        Expect(payload, "email", email);
    }

    private static void Expect(JsonElement payload, string name, string expected)
    {
        if (!payload.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String
            || !string.Equals(value.GetString(), expected, StringComparison.Ordinal))
        {
            throw Mismatch($"{name} is not the requested {name}");
        }
    }

    private static ApiProblem Mismatch(string why) =>
        ApiProblem.BadRequest(ApprovalProblemCodes.PayloadMismatch, $"The signed payload does not describe the requested action: {why}.");
}
