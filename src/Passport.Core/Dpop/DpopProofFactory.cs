using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Passport.Core.Keys;

namespace Passport.Core.Dpop;

/// <summary>
/// Creates DPoP proofs (RFC 9449 §4.2): header <c>{"typ":"dpop+jwt","alg":"EdDSA","jwk":{…}}</c>, payload
/// <c>{jti, htm, htu, iat[, ath][, nonce]}</c>, signed with the agent's Ed25519 key. One proof per request.
/// </summary>
public sealed class DpopProofFactory
{
    private readonly Ed25519KeyPair _key;
    private readonly TimeProvider _time;
    private readonly byte[] _encodedHeader;

    /// <summary>Creates a factory for <paramref name="key"/>; the header is encoded once.</summary>
    public DpopProofFactory(Ed25519KeyPair key, TimeProvider? timeProvider = null)
    {
        _key = key;
        _time = timeProvider ?? TimeProvider.System;
        var header = "{\"typ\":\"dpop+jwt\",\"alg\":\"EdDSA\",\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + key.PublicJwk.X + "\"}}";
        _encodedHeader = System.Text.Encoding.ASCII.GetBytes(Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(header)));
    }

    /// <summary>Creates a proof for <paramref name="method"/> and <paramref name="uri"/> (query and fragment are removed from <c>htu</c>).</summary>
    /// <param name="method">HTTP method, e.g. <c>GET</c>.</param>
    /// <param name="uri">Absolute request URI.</param>
    /// <param name="accessToken">When given, <c>ath</c> = base64url(SHA-256(token)) is included.</param>
    /// <param name="nonce">A server-provided nonce from a <c>DPoP-Nonce</c> header (RFC 9449 §8), if any.</param>
    /// <param name="jti">The unique id; a random 128-bit base64url value when null.</param>
    public string Create(string method, string uri, string? accessToken = null, string? nonce = null, string? jti = null)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jti"u8, jti ?? NewJti());
            writer.WriteString("htm"u8, method);
            writer.WriteString("htu"u8, StripQuery(uri));
            writer.WriteNumber("iat"u8, _time.GetUtcNow().ToUnixTimeSeconds());
            if (accessToken is not null) writer.WriteString("ath"u8, AccessTokenHash.Compute(accessToken));
            if (nonce is not null) writer.WriteString("nonce"u8, nonce);
            writer.WriteEndObject();
        }
        var payload = buffer.WrittenSpan;
        var payloadLength = Base64Url.GetEncodedLength(payload.Length);
        var signingInputLength = _encodedHeader.Length + 1 + payloadLength;
        var signingInput = new byte[signingInputLength];
        _encodedHeader.CopyTo(signingInput, 0);
        signingInput[_encodedHeader.Length] = (byte)'.';
        Base64Url.EncodeToUtf8(payload, signingInput.AsSpan(_encodedHeader.Length + 1), out _, out _);

        Span<byte> signature = stackalloc byte[64];
        _key.Sign(signingInput, signature);
        return string.Create(signingInputLength + 1 + 86, (signingInput, sig: signature.ToArray()), static (chars, state) =>
        {
            System.Text.Encoding.ASCII.GetChars(state.signingInput, chars);
            chars[state.signingInput.Length] = '.';
            Base64Url.EncodeToChars(state.sig, chars[(state.signingInput.Length + 1)..]);
        });
    }

    private static string NewJti()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    private static string StripQuery(string uri)
    {
        var end = uri.AsSpan().IndexOfAny('?', '#');
        return end < 0 ? uri : uri[..end];
    }
}
