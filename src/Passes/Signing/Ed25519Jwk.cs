using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace Passes;

/// <summary>
/// An Ed25519 public key as a JWK (<c>{"kty":"OKP","crv":"Ed25519","x":"&lt;base64url&gt;"}</c>), the form
/// signed results carry their signer's key in.
/// </summary>
public sealed record Ed25519Jwk
{
    private Ed25519Jwk(string x, byte[] publicKeyBytes)
    {
        X = x;
        PublicKeyBytes = publicKeyBytes;
    }

    /// <summary>The <c>x</c> member: the 32-byte public key, base64url without padding.</summary>
    public string X { get; }

    /// <summary>The raw 32-byte public key.</summary>
    public ReadOnlyMemory<byte> PublicKeyBytes { get; }

    /// <summary>The key as an NSec public key.</summary>
    public PublicKey ToPublicKey() => PublicKey.Import(SignatureAlgorithm.Ed25519, PublicKeyBytes.Span, KeyBlobFormat.RawPublicKey);

    /// <summary>The JWK of an NSec Ed25519 public key.</summary>
    /// <param name="publicKey">The public key.</param>
    /// <returns>The JWK.</returns>
    public static Ed25519Jwk FromPublicKey(PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (publicKey.Algorithm is not Ed25519)
        {
            throw new ArgumentException("Only Ed25519 keys are supported.", nameof(publicKey));
        }

        var raw = publicKey.Export(KeyBlobFormat.RawPublicKey);
        return new Ed25519Jwk(Base64Url.EncodeToString(raw), raw);
    }

    /// <summary>The JWK JSON the wire format uses, members in the order <c>kty, crv, x</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => $"{{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{X}\"}}";

    /// <summary>The RFC 7638 JWK thumbprint: base64url(SHA-256(<c>{"crv":"Ed25519","kty":"OKP","x":…}</c>)).</summary>
    /// <returns>The thumbprint.</returns>
    public string Thumbprint() =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($"{{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"{X}\"}}")));

    /// <summary>
    /// Parses JWK JSON strictly: an object with <c>kty</c> = <c>OKP</c>, <c>crv</c> = <c>Ed25519</c> and a canonical
    /// base64url <c>x</c> of 32 bytes that is a valid Ed25519 point. Other public members (e.g. <c>key_ops</c>) are
    /// ignored; a private member <c>d</c> is refused.
    /// </summary>
    /// <param name="json">The JWK JSON, UTF-8.</param>
    /// <returns>The key.</returns>
    /// <exception cref="PassesFormatException"><see cref="PassesErrorCodes.InvalidJwk"/> or <see cref="PassesErrorCodes.InvalidUtf8"/>.</exception>
    public static Ed25519Jwk Parse(ReadOnlySpan<byte> json)
    {
        var text = Internal.StrictUtf8.Decode(json, "JWK");
        JsonDocument document;
        try
        {
            document = Passport.Shared.WellFormedJson.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new PassesFormatException(PassesErrorCodes.InvalidJwk, "The JWK is not valid JSON.", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("it is not a JSON object");
            }

            if (root.TryGetProperty("d", out _))
            {
                throw Invalid("it contains private key material (d)");
            }

            if (StringMember(root, "kty") != "OKP" || StringMember(root, "crv") != "Ed25519")
            {
                throw Invalid("kty must be OKP and crv must be Ed25519");
            }

            return FromX(StringMember(root, "x") ?? throw Invalid("x is missing"));
        }
    }

    /// <summary>Builds a JWK from its <c>x</c> member, checking it is canonical base64url of a valid Ed25519 public key.</summary>
    /// <param name="x">The base64url public key.</param>
    /// <returns>The key.</returns>
    /// <exception cref="PassesFormatException"><see cref="PassesErrorCodes.InvalidJwk"/>.</exception>
    public static Ed25519Jwk FromX(string x)
    {
        ArgumentNullException.ThrowIfNull(x);
        byte[] raw;
        try
        {
            raw = Base64Url.DecodeFromChars(x);
        }
        catch (FormatException ex)
        {
            throw new PassesFormatException(PassesErrorCodes.InvalidJwk, "The JWK x is not base64url.", ex);
        }

        if (raw.Length != 32 || Base64Url.EncodeToString(raw) != x)
        {
            throw Invalid("x must be 32 bytes in unpadded base64url");
        }

        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey, out _))
        {
            throw Invalid("x is not a valid Ed25519 public key");
        }

        return new Ed25519Jwk(x, raw);
    }

    /// <summary>Equality by <see cref="X"/>.</summary>
    /// <param name="other">The key to compare with.</param>
    /// <returns>Whether the keys are the same.</returns>
    public bool Equals(Ed25519Jwk? other) => other is not null && X == other.X;

    /// <summary>A hash of <see cref="X"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => X.GetHashCode(StringComparison.Ordinal);

    private static string? StringMember(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static PassesFormatException Invalid(string why) =>
        new(PassesErrorCodes.InvalidJwk, $"The signer key is not an Ed25519 public JWK: {why}.");
}
