using System.Buffers;
using System.Text.Unicode;
using Passport.Core.Encoding;

namespace Passport.Core.Jose;

/// <summary>
/// A JWS in compact serialisation (RFC 7515 §7.1) split into its three parts without allocating:
/// the header and payload decoded from base64url into a pooled buffer, the signature decoded to 64 bytes.
/// Header and payload must be well-formed UTF-8 (RFC 7515 §2 and RFC 8259 §8.1: JSON text is UTF-8), checked here once
/// with a vectorised pass so that no reader ever sees overlong, truncated or surrogate-encoding bytes, even in members it
/// skips. Dispose returns the buffer to the pool.
/// </summary>
internal ref struct CompactJws
{
    private byte[]? _rented;

    public ReadOnlySpan<byte> Header;
    public ReadOnlySpan<byte> Payload;
    /// <summary>The same bytes as <see cref="Payload"/>, as memory for <c>JsonDocument.Parse</c> (valid until Dispose).</summary>
    public ReadOnlyMemory<byte> PayloadMemory;
    public ReadOnlySpan<byte> SigningInput;
    public ReadOnlySpan<byte> Signature;

    /// <summary>Splits and decodes <paramref name="compact"/>; false when it is not three strict base64url parts with a 64-byte signature, or header or payload is not well-formed UTF-8.</summary>
    public static bool TryParse(string compact, out CompactJws jws)
    {
        jws = default;
        var first = compact.IndexOf('.');
        if (first <= 0) return false;
        var second = compact.IndexOf('.', first + 1);
        if (second <= first + 1 || compact.IndexOf('.', second + 1) >= 0) return false;
        var signatureText = compact.AsSpan(second + 1);
        if (signatureText.Length != 86) return false; // 64 bytes in unpadded base64url

        // One rented buffer: [ASCII signing input][decoded header][decoded payload][signature]
        var size = second + first * 3 / 4 + 3 + (second - first) * 3 / 4 + 3 + 64;
        var rented = ArrayPool<byte>.Shared.Rent(size);
        var buffer = rented.AsSpan();
        for (var i = 0; i < second; i++)
        {
            var c = compact[i];
            if (c > 127) { ArrayPool<byte>.Shared.Return(rented); return false; }
            buffer[i] = (byte)c;
        }
        var signingInput = buffer[..second];
        var rest = buffer[second..];
        if (!Base64UrlEncoding.TryDecode(signingInput[..first], rest, out var headerLength))
        {
            ArrayPool<byte>.Shared.Return(rented);
            return false;
        }
        var afterHeader = rest[headerLength..];
        if (!Base64UrlEncoding.TryDecode(signingInput[(first + 1)..], afterHeader, out var payloadLength))
        {
            ArrayPool<byte>.Shared.Return(rented);
            return false;
        }
        if (!Utf8.IsValid(rest[..headerLength]) || !Utf8.IsValid(afterHeader[..payloadLength]))
        {
            ArrayPool<byte>.Shared.Return(rented);
            return false;
        }
        var signature = afterHeader[payloadLength..];
        if (!Base64UrlEncoding.TryDecode(signatureText, signature, out var signatureLength) || signatureLength != 64)
        {
            ArrayPool<byte>.Shared.Return(rented);
            return false;
        }
        jws._rented = rented;
        jws.SigningInput = signingInput;
        jws.Header = rest[..headerLength];
        jws.Payload = afterHeader[..payloadLength];
        jws.PayloadMemory = rented.AsMemory(second + headerLength, payloadLength);
        jws.Signature = signature[..64];
        return true;
    }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
