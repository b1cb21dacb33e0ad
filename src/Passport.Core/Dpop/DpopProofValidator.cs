using System.Security.Cryptography;
using System.Text.Json;
using Passport.Core.Jose;
using Passport.Core.Json;
using Passport.Core.Keys;

namespace Passport.Core.Dpop;

/// <summary>
/// Validates DPoP proofs (RFC 9449 §4.3) signed <c>EdDSA</c>/<c>Ed25519</c>, or <c>ES256</c> when
/// <see cref="DpopProofValidationOptions.AcceptEs256"/>, and reports which check failed. The same claim, replay and
/// binding rules apply to every algorithm; the <c>jkt</c> is the RFC 7638 thumbprint of the proof's key either way.
/// Order: size, parse, header (typ, alg, jwk), signature, claims (htm, htu, iat, exp, nbf, jti, ath, nonce), key binding (jkt).
/// Replay detection is the caller's: record (<see cref="DpopProofResult.Jkt"/>, <see cref="DpopProofResult.Jti"/>) on success.
/// Allocation-light: the proof is decoded into a pooled buffer and read with <see cref="Utf8JsonReader"/>.
/// </summary>
public sealed class DpopProofValidator
{
    private readonly DpopProofValidationOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a validator with the given options and clock.</summary>
    public DpopProofValidator(DpopProofValidationOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new DpopProofValidationOptions();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The options in use.</summary>
    public DpopProofValidationOptions Options => _options;

    /// <summary>Runs every check of RFC 9449 §4.3 on <paramref name="context"/>. Never throws for bad input.</summary>
    public DpopProofResult Validate(in DpopProofContext context)
    {
        var proof = context.Proof;
        if (string.IsNullOrEmpty(proof)) return DpopProofResult.Fail(DpopErrorCode.Missing);
        if (proof.Length > _options.MaxProofLength) return DpopProofResult.Fail(DpopErrorCode.TooLarge);
        try
        {
            return ValidateParsed(context, proof);
        }
        catch (Exception e) when (MalformedJson.Is(e))
        {
            // The readers map malformed JSON themselves; this is the backstop that keeps the "never throws" promise for
            // anything else the input can provoke (e.g. a URI the runtime refuses). Free when nothing throws.
            return DpopProofResult.Fail(DpopErrorCode.Malformed);
        }
    }

    private DpopProofResult ValidateParsed(in DpopProofContext context, string proof)
    {
        if (!CompactJws.TryParse(proof, out var jws)) return DpopProofResult.Fail(DpopErrorCode.Malformed);
        using (jws)
        {
            Span<byte> publicKey = stackalloc byte[DpopProofKeyBuffers.PublicKeyLength];
            Span<byte> encoded = stackalloc byte[DpopProofKeyBuffers.EncodedLength];
            var headerError = DpopProofHeader.Read(jws.Header, publicKey, encoded, _options.AcceptEs256, out var keyType);
            if (headerError != DpopErrorCode.None) return DpopProofResult.Fail(headerError);

            var verified = keyType == DpopProofKeyType.P256
                ? P256Verifier.Verify(publicKey[..32], publicKey[32..64], jws.SigningInput, jws.Signature)
                : Ed25519Verifier.Verify(publicKey[..32], jws.SigningInput, jws.Signature);
            if (!verified) return DpopProofResult.Fail(DpopErrorCode.InvalidSignature);

            if (!DpopProofClaims.TryRead(jws.Payload, out var claims)) return DpopProofResult.Fail(DpopErrorCode.Malformed);
            var claimsError = CheckClaims(context, claims);
            if (claimsError != DpopErrorCode.None) return DpopProofResult.Fail(claimsError);

            Span<char> jkt = stackalloc char[JwkThumbprint.Length];
            var encodedX = encoded[..DpopProofKeyBuffers.EncodedMemberLength];
            if (keyType == DpopProofKeyType.P256) JwkThumbprint.ComputeFromEncodedEc(encodedX, encoded[DpopProofKeyBuffers.EncodedMemberLength..], jkt);
            else JwkThumbprint.ComputeFromEncodedX(encodedX, jkt);
            if (context.ExpectedJkt is not null && !jkt.SequenceEqual(context.ExpectedJkt))
            {
                return DpopProofResult.Fail(DpopErrorCode.KeyMismatch);
            }
            return DpopProofResult.Success(new string(jkt), claims.Jti!, claims.IssuedAt!.Value, claims.Nonce);
        }
    }

    private DpopErrorCode CheckClaims(in DpopProofContext context, in DpopProofClaims claims)
    {
        if (claims.Htm is null || !string.Equals(claims.Htm, context.Method, StringComparison.Ordinal)) return DpopErrorCode.MethodMismatch;
        if (claims.Htu is null || !HtuNormalizer.Matches(claims.Htu, context.Uri)) return DpopErrorCode.UriMismatch;
        if (claims.IssuedAt is not { } iat) return DpopErrorCode.MissingIssuedAt;
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var window = (long)_options.IssuedAtWindow.TotalSeconds;
        if (iat < now - window) return DpopErrorCode.StaleIssuedAt;
        if (iat > now + window) return DpopErrorCode.FutureIssuedAt;
        // RFC 7519 §4.1.4–5: exp and nbf are optional in a proof but honoured when present, with the iat window as skew.
        if (claims.ExpiresAt is { } exp && exp <= now - window) return DpopErrorCode.Expired;
        if (claims.NotBefore is { } nbf && nbf > now + window) return DpopErrorCode.NotYetValid;
        if (string.IsNullOrEmpty(claims.Jti)) return DpopErrorCode.MissingJti;
        if (claims.Jti.Length > _options.MaxJtiLength) return DpopErrorCode.JtiTooLong;
        if (context.AccessToken is not null)
        {
            if (claims.Ath is null)
            {
                if (_options.RequireAth) return DpopErrorCode.MissingAth;
            }
            else if (!AthMatches(claims.Ath, context.AccessToken))
            {
                return DpopErrorCode.AthMismatch;
            }
        }
        if (context.ExpectedNonce is not null && !string.Equals(claims.Nonce, context.ExpectedNonce, StringComparison.Ordinal))
        {
            return DpopErrorCode.NonceRequired;
        }
        return DpopErrorCode.None;
    }

    /// <summary>ath = base64url(SHA-256(ASCII(access token))) (RFC 9449 §4.2).</summary>
    private static bool AthMatches(string ath, string accessToken)
    {
        if (ath.Length != 43) return false;
        Span<char> expected = stackalloc char[43];
        AccessTokenHash.Compute(accessToken, expected);
        return expected.SequenceEqual(ath);
    }
}
