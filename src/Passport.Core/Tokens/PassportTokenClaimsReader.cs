using System.Text.Json;
using Passport.Core.Json;

namespace Passport.Core.Tokens;

/// <summary>
/// Maps a verified JWT payload to <see cref="PassportTokenClaims"/>; null when a required claim is missing or mistyped,
/// when <c>exp</c>/<c>nbf</c> are present but not NumericDates, or when a string is not well-formed Unicode.
/// <c>iat</c>, <c>exp</c> and <c>nbf</c> are read as NumericDates (RFC 7519 §2: non-integer values are allowed).
/// </summary>
public static class PassportTokenClaimsReader
{
    /// <summary>Reads the claims of <paramref name="root"/>; <paramref name="issuer"/> and <paramref name="audience"/> are the already-checked values. Never throws for bad input.</summary>
    public static PassportTokenClaims? Read(JsonElement root, string issuer, string audience)
    {
        try
        {
            return ReadOrThrow(root, issuer, audience);
        }
        catch (Exception e) when (MalformedJson.Is(e))
        {
            return null; // e.g. GetString on an escaped lone surrogate
        }
    }

    /// <summary>
    /// As <see cref="Read"/>, but a string that is not well-formed Unicode throws (InvalidOperationException from
    /// <c>GetString</c>), so that <see cref="PassportTokenValidator"/> reports it as malformed rather than as a missing claim.
    /// </summary>
    internal static PassportTokenClaims? ReadOrThrow(JsonElement root, string issuer, string audience)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        var sub = String(root, PassportClaimNames.Subject);
        var jti = String(root, PassportClaimNames.JwtId);
        if (sub is null || jti is null
            || !root.TryGetProperty(PassportClaimNames.IssuedAt, out var iatElement) || !NumericDate.TryRead(iatElement, out var iat)
            || !OptionalDate(root, PassportClaimNames.ExpiresAt, out var exp)
            || !OptionalDate(root, PassportClaimNames.NotBefore, out var nbf)
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
            ExpiresAt = exp,
            NotBefore = nbf,
            Jkt = jkt,
            Handle = String(root, PassportClaimNames.Handle),
            Status = String(root, PassportClaimNames.Status),
            Name = String(root, PassportClaimNames.Name),
            Actor = actor,
            Scope = scope,
            GrantId = String(root, PassportClaimNames.GrantId),
        };
    }

    /// <summary>True when <paramref name="name"/> is absent (<paramref name="value"/> null) or a NumericDate.</summary>
    private static bool OptionalDate(JsonElement root, string name, out long? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element)) return true;
        if (!NumericDate.TryRead(element, out var seconds)) return false;
        value = seconds;
        return true;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
