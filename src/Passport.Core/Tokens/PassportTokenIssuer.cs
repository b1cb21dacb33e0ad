using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Passport.Core.Jose;
using Passport.Core.Keys;

namespace Passport.Core.Tokens;

/// <summary>
/// Issues Passport access tokens: EdDSA JWTs (RFC 8037) signed through Microsoft.IdentityModel's
/// <see cref="JsonWebTokenHandler"/> with the server key identified by <c>kid</c> (seeds/004 uses <c>passport-v1</c>).
/// </summary>
public sealed class PassportTokenIssuer
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials;

    /// <summary>Creates an issuer signing with <paramref name="key"/> under <paramref name="keyId"/>.</summary>
    public PassportTokenIssuer(Ed25519KeyPair key, string keyId)
    {
        KeyId = keyId;
        _credentials = new SigningCredentials(new EdDsaSecurityKey(key, keyId), EdDsaCryptoProvider.Algorithm);
    }

    /// <summary>The <c>kid</c> header of issued tokens.</summary>
    public string KeyId { get; }

    /// <summary>Signs <paramref name="claims"/> and returns the compact JWT.</summary>
    public string Issue(PassportTokenClaims claims) => _handler.CreateToken(ToJson(claims), _credentials);

    /// <summary>The JSON payload of <paramref name="claims"/>, with claim names exactly as seeds/004 shows them.</summary>
    public static string ToJson(PassportTokenClaims claims)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString(PassportClaimNames.Issuer, claims.Issuer);
            writer.WriteString(PassportClaimNames.Audience, claims.Audience);
            writer.WriteString(PassportClaimNames.Subject, claims.Subject);
            writer.WriteString(PassportClaimNames.JwtId, claims.JwtId);
            writer.WriteNumber(PassportClaimNames.IssuedAt, claims.IssuedAt);
            if (claims.ExpiresAt is { } exp) writer.WriteNumber(PassportClaimNames.ExpiresAt, exp);
            if (claims.NotBefore is { } nbf) writer.WriteNumber(PassportClaimNames.NotBefore, nbf);
            if (claims.Handle is not null) writer.WriteString(PassportClaimNames.Handle, claims.Handle);
            if (claims.Status is not null) writer.WriteString(PassportClaimNames.Status, claims.Status);
            if (claims.Name is not null) writer.WriteString(PassportClaimNames.Name, claims.Name);
            if (claims.Actor is not null)
            {
                writer.WriteStartObject(PassportClaimNames.Actor);
                writer.WriteString(PassportClaimNames.Subject, claims.Actor.Subject);
                if (claims.Actor.Handle is not null) writer.WriteString(PassportClaimNames.Handle, claims.Actor.Handle);
                writer.WriteEndObject();
            }
            if (claims.Scope is not null)
            {
                writer.WriteStartArray(PassportClaimNames.Scope);
                foreach (var scope in claims.Scope) writer.WriteStringValue(scope);
                writer.WriteEndArray();
            }
            if (claims.GrantId is not null) writer.WriteString(PassportClaimNames.GrantId, claims.GrantId);
            writer.WriteStartObject(PassportClaimNames.Confirmation);
            writer.WriteString(PassportClaimNames.JwkThumbprint, claims.Jkt);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
