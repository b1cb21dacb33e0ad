namespace Passport.Core.Protocol;

/// <summary>
/// JWS <c>alg</c> names (RFC 7518 §3.1, RFC 8037 §3.1, RFC 9864 §2), defined once for every component. Which of them a
/// given check accepts is that check's decision; this file only names them. <c>none</c> and the HMAC family are never
/// accepted anywhere and so have no constant here.
/// </summary>
public static class JoseAlgorithms
{
    /// <summary>The polymorphic Edwards-curve name (RFC 8037 §3.1), deprecated by RFC 9864 but still what seeds/004 issues tokens with.</summary>
    public const string EdDsa = "EdDSA";

    /// <summary>The fully-specified Ed25519 name (RFC 9864 §2.2) that jose 6 and oauth4webapi 3 sign with.</summary>
    public const string Ed25519 = "Ed25519";

    /// <summary>ECDSA with P-256 and SHA-256 (RFC 7518 §3.4).</summary>
    public const string ES256 = "ES256";

    /// <summary>ECDSA with P-384 and SHA-384 (RFC 7518 §3.4).</summary>
    public const string ES384 = "ES384";

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3).</summary>
    public const string RS256 = "RS256";

    /// <summary>RSASSA-PSS with SHA-256 (RFC 7518 §3.5).</summary>
    public const string PS256 = "PS256";

    /// <summary>
    /// Both names of an Ed25519 signature, in the order they are advertised in <c>*_signing_alg_values_supported</c>
    /// metadata (RFC 9864 §2.2 asks verifiers to accept both while issuers move).
    /// </summary>
    public static readonly IReadOnlyList<string> Ed25519Names = [EdDsa, Ed25519];

    /// <summary>True when <paramref name="alg"/> names an Ed25519 signature: <c>EdDSA</c> or <c>Ed25519</c> (RFC 9864 §2.2).</summary>
    public static bool IsEd25519(string? alg) => alg is EdDsa or Ed25519;

    /// <summary>True when the UTF-8 <paramref name="alg"/> names an Ed25519 signature: <c>EdDSA</c> or <c>Ed25519</c> (RFC 9864 §2.2).</summary>
    public static bool IsEd25519(ReadOnlySpan<byte> alg) => alg.SequenceEqual(EdDsaUtf8) || alg.SequenceEqual(Ed25519Utf8);

    /// <summary>
    /// True when the JSON string token <paramref name="reader"/> is on names an Ed25519 signature (escapes decoded, as
    /// <c>Utf8JsonReader.ValueTextEquals</c> does). No allocation.
    /// </summary>
    public static bool IsEd25519(ref System.Text.Json.Utf8JsonReader reader) =>
        reader.ValueTextEquals(EdDsaUtf8) || reader.ValueTextEquals(Ed25519Utf8);

    /// <summary><see cref="EdDsa"/> as UTF-8.</summary>
    public static ReadOnlySpan<byte> EdDsaUtf8 => "EdDSA"u8;

    /// <summary><see cref="Ed25519"/> as UTF-8.</summary>
    public static ReadOnlySpan<byte> Ed25519Utf8 => "Ed25519"u8;
}
