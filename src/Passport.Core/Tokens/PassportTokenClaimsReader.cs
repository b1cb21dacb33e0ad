using System.Text.Json;

namespace Passport.Core.Tokens;

/// <summary>Maps a verified JWT payload to <see cref="PassportTokenClaims"/>; null when a required claim is missing or mistyped.</summary>
public static class PassportTokenClaimsReader
{
    /// <summary>Reads the claims of <paramref name="root"/>; <paramref name="issuer"/> and <paramref name="audience"/> are the already-checked values.</summary>
    public static PassportTokenClaims? Read(JsonElement root, string issuer, string audience)
    {
        var sub = String(root, PassportClaimNames.Subject);
        var jti = String(root, PassportClaimNames.JwtId);
        if (sub is null || jti is null
            || !root.TryGetProperty(PassportClaimNames.IssuedAt, out var iatElement) || iatElement.ValueKind != JsonValueKind.Number
            || !iatElement.TryGetInt64(out var iat)
            || !root.TryGetProperty(PassportClaimNames.Confirmation, out var cnf) || cnf.ValueKind != JsonValueKind.Object
            || String(cnf, PassportClaimNames.JwkThumbprint) is not { Length: 43 } jkt)
        {
            return null;
        }
        PassportActor? actor = null;
        if (root.TryGetProperty(PassportClaimNames.Actor, out var act))
        {
            if (act.ValueKind != JsonValueKind.Object || String(act, PassportClaimNames.Subject) is not { } actorSub) return null;
            actor = new PassportActor(actorSub, String(act, PassportClaimNames.Handle));
        }
        List<string>? scope = null;
        if (root.TryGetProperty(PassportClaimNames.Scope, out var scopeElement))
        {
            if (scopeElement.ValueKind != JsonValueKind.Array) return null;
            scope = new List<string>(scopeElement.GetArrayLength());
            foreach (var item in scopeElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String) return null;
                scope.Add(item.GetString()!);
            }
        }
        return new PassportTokenClaims
        {
            Issuer = issuer,
            Audience = audience,
            Subject = sub,
            JwtId = jti,
            IssuedAt = iat,
            Jkt = jkt,
            Handle = String(root, PassportClaimNames.Handle),
            Status = String(root, PassportClaimNames.Status),
            Name = String(root, PassportClaimNames.Name),
            Actor = actor,
            Scope = scope,
            GrantId = String(root, PassportClaimNames.GrantId),
        };
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
