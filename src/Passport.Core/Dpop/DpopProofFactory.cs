using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Passport.Core.Keys;
using Passport.Core.Protocol;

namespace Passport.Core.Dpop;

/// <summary>
/// Creates DPoP proofs (RFC 9449 §4.2): header <c>{"typ":"dpop+jwt","alg":"EdDSA","jwk":{…}}</c>, payload
/// <c>{jti, htm, htu, iat[, ath][, nonce]}</c>, signed with the agent's Ed25519 key. One proof per request.
/// </summary>
/// <remarks>
/// Built for one proof per request at close to the cost of the signature alone: the payload is written and base64url
/// encoded in one pooled buffer, the random <c>jti</c> (from a per-thread CSPRNG buffer) is encoded in place, and <c>ath</c> is computed once per access
/// token (the last token's value is kept, since an agent sends the same token with many proofs). The only allocation
/// is the returned string. Values that would need JSON escaping take a slower <see cref="Utf8JsonWriter"/> path.
/// Thread-safe.
/// </remarks>
public sealed class DpopProofFactory
{
    private static readonly SearchValues<char> PlainJsonText = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private readonly Ed25519KeyPair _key;
    private readonly TimeProvider _time;
    private readonly byte[] _encodedHeader;
    private LastAth? _lastAth;

    /// <summary>Creates a factory for <paramref name="key"/>; the header is encoded once.</summary>
    public DpopProofFactory(Ed25519KeyPair key, TimeProvider? timeProvider = null)
    {
        _key = key;
        _time = timeProvider ?? TimeProvider.System;
        var header = "{\"typ\":\"" + DpopConstants.ProofType + "\",\"alg\":\"EdDSA\",\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + key.PublicJwk.X + "\"}}";
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
        var htu = WithoutQuery(uri);
        if (!IsPlain(method) || !IsPlain(htu) || (nonce is not null && !IsPlain(nonce)) || (jti is not null && !IsPlain(jti)))
        {
            return CreateEscaped(method, htu.ToString(), accessToken, nonce, jti);
        }

        // {"jti":"…","htm":"…","htu":"…","iat":…[,"ath":"…"][,"nonce":"…"]} — all ASCII, so chars = bytes.
        var payloadLength = 35 + (jti?.Length ?? 22) + method.Length + htu.Length + 20
            + (accessToken is null ? 0 : 9 + AccessTokenHash.Length) + (nonce is null ? 0 : 11 + nonce.Length);
        var signingLength = _encodedHeader.Length + 1 + Base64Url.GetEncodedLength(payloadLength);
        // One rented buffer: [payload JSON][signing input = header.base64url(payload)][signature]
        var rented = ArrayPool<byte>.Shared.Rent(payloadLength + signingLength + 64);
        try
        {
            var payload = rented.AsSpan(0, payloadLength);
            var written = 0;
            Append(payload, ref written, "{\"jti\":\""u8);
            if (jti is null)
            {
                Span<byte> random = stackalloc byte[16];
                JtiRandom.Fill(random);
                Base64Url.EncodeToUtf8(random, payload[written..], out _, out var jtiLength);
                written += jtiLength;
            }
            else
            {
                written += System.Text.Encoding.ASCII.GetBytes(jti, payload[written..]);
            }
            Append(payload, ref written, "\",\"htm\":\""u8);
            written += System.Text.Encoding.ASCII.GetBytes(method, payload[written..]);
            Append(payload, ref written, "\",\"htu\":\""u8);
            written += System.Text.Encoding.ASCII.GetBytes(htu, payload[written..]);
            Append(payload, ref written, "\",\"iat\":"u8);
            Utf8Formatter.TryFormat(_time.GetUtcNow().ToUnixTimeSeconds(), payload[written..], out var iatLength);
            written += iatLength;
            if (accessToken is not null)
            {
                Append(payload, ref written, ",\"ath\":\""u8);
                AthOf(accessToken).CopyTo(payload[written..]);
                written += AccessTokenHash.Length;
                Append(payload, ref written, "\""u8);
            }
            if (nonce is not null)
            {
                Append(payload, ref written, ",\"nonce\":\""u8);
                written += System.Text.Encoding.ASCII.GetBytes(nonce, payload[written..]);
                Append(payload, ref written, "\""u8);
            }
            Append(payload, ref written, "}"u8);
            return Sign(rented, written, payloadLength);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Signs the payload at the start of <paramref name="buffer"/> and returns the compact JWS.</summary>
    private string Sign(byte[] buffer, int payloadLength, int signingOffset)
    {
        var signingInput = buffer.AsSpan(signingOffset);
        _encodedHeader.CopyTo(signingInput);
        signingInput[_encodedHeader.Length] = (byte)'.';
        Base64Url.EncodeToUtf8(buffer.AsSpan(0, payloadLength), signingInput[(_encodedHeader.Length + 1)..], out _, out var encodedPayload);
        var signingLength = _encodedHeader.Length + 1 + encodedPayload;
        var signature = signingInput.Slice(signingLength, 64);
        _key.Sign(signingInput[..signingLength], signature);
        return string.Create(signingLength + 1 + 86, (buffer, signingOffset, signingLength), static (chars, state) =>
        {
            var input = state.buffer.AsSpan(state.signingOffset, state.signingLength);
            System.Text.Ascii.ToUtf16(input, chars, out _);
            chars[state.signingLength] = '.';
            Base64Url.EncodeToChars(state.buffer.AsSpan(state.signingOffset + state.signingLength, 64), chars[(state.signingLength + 1)..]);
        });
    }

    /// <summary>The slow path for values that need JSON escaping (never the case for URIs, methods and base64url ids).</summary>
    private string CreateEscaped(string method, string htu, string? accessToken, string? nonce, string? jti)
    {
        var writer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(writer))
        {
            json.WriteStartObject();
            json.WriteString("jti"u8, jti ?? NewJti());
            json.WriteString("htm"u8, method);
            json.WriteString("htu"u8, htu);
            json.WriteNumber("iat"u8, _time.GetUtcNow().ToUnixTimeSeconds());
            if (accessToken is not null) json.WriteString("ath"u8, AthOf(accessToken));
            if (nonce is not null) json.WriteString("nonce"u8, nonce);
            json.WriteEndObject();
        }
        var payloadLength = writer.WrittenCount;
        var signingOffset = payloadLength;
        var rented = ArrayPool<byte>.Shared.Rent(payloadLength + _encodedHeader.Length + 1 + Base64Url.GetEncodedLength(payloadLength) + 64);
        try
        {
            writer.WrittenSpan.CopyTo(rented);
            return Sign(rented, payloadLength, signingOffset);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The <c>ath</c> of <paramref name="accessToken"/> as ASCII, computed once per token.</summary>
    private ReadOnlySpan<byte> AthOf(string accessToken)
    {
        var last = Volatile.Read(ref _lastAth);
        if (last is not null && (ReferenceEquals(last.Token, accessToken) || string.Equals(last.Token, accessToken, StringComparison.Ordinal)))
        {
            return last.Ath;
        }
        var ath = new byte[AccessTokenHash.Length];
        AccessTokenHash.ComputeUtf8(accessToken, ath);
        Volatile.Write(ref _lastAth, new LastAth(accessToken, ath)); // one reference swap: readers see a whole pair or the old one
        return ath;
    }

    private static void Append(Span<byte> destination, ref int written, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination[written..]);
        written += text.Length;
    }

    private static bool IsPlain(ReadOnlySpan<char> value) => !value.ContainsAnyExcept(PlainJsonText);

    private static string NewJti()
    {
        Span<byte> bytes = stackalloc byte[16];
        JtiRandom.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    private static ReadOnlySpan<char> WithoutQuery(string uri)
    {
        var end = uri.AsSpan().IndexOfAny('?', '#');
        return end < 0 ? uri.AsSpan() : uri.AsSpan(0, end);
    }

    private sealed record LastAth(string Token, byte[] Ath);

    /// <summary>
    /// Random bytes for jti, drawn from the CSPRNG 1 KiB at a time per thread: each <see cref="RandomNumberGenerator.Fill"/>
    /// call has a fixed cost of about 2 µs of CPU whatever its size (≈ 10 % of an Ed25519 signature), so one call serves
    /// 64 proofs. Handed-out bytes are zeroed in the buffer.
    /// </summary>
    private static class JtiRandom
    {
        private const int BufferSize = 1024;

        [ThreadStatic]
        private static byte[]? t_buffer;

        [ThreadStatic]
        private static int t_offset;

        public static void Fill(Span<byte> destination)
        {
            var buffer = t_buffer ??= new byte[BufferSize];
            if (t_offset == 0 || t_offset + destination.Length > BufferSize)
            {
                RandomNumberGenerator.Fill(buffer);
                t_offset = 0;
            }
            var source = buffer.AsSpan(t_offset, destination.Length);
            source.CopyTo(destination);
            source.Clear();
            t_offset += destination.Length;
            if (t_offset == BufferSize) t_offset = 0;
        }
    }
}
