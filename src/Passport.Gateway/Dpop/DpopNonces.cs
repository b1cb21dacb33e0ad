using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Passport.AspNetCore.Dpop;
using Passport.Gateway.Configuration;

namespace Passport.Gateway.Dpop;

/// <summary>
/// Server-provided DPoP nonces (RFC 9449 §8) when <c>Dpop:Nonce:Enabled</c>: a random value that changes every
/// <c>Dpop:Nonce:RotationSeconds</c>; the previous value stays acceptable for one more period.
/// </summary>
internal sealed class DpopNonces : IDpopNoncePolicy
{
    private readonly TimeProvider _time;
    private readonly long _periodSeconds;
    private readonly Lock _lock = new();
    private long _epoch = long.MinValue;
    private string _current = "";
    private string _previous = "";

    public DpopNonces(IOptions<PassportGatewayOptions> options, TimeProvider time)
    {
        Enabled = options.Value.Dpop.Nonce.Enabled;
        _periodSeconds = options.Value.Dpop.Nonce.RotationSeconds;
        _time = time;
    }

    public bool Enabled { get; }

    public string Current
    {
        get
        {
            Rotate();
            return _current;
        }
    }

    public bool IsAcceptable(string? nonce)
    {
        if (nonce is null) return false;
        Rotate();
        return Equal(nonce, _current) || (_previous.Length > 0 && Equal(nonce, _previous));
    }

    private static bool Equal(string a, string b) =>
        a.Length == b.Length && CryptographicOperations.FixedTimeEquals(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()), System.Runtime.InteropServices.MemoryMarshal.AsBytes(b.AsSpan()));

    private void Rotate()
    {
        var epoch = _time.GetUtcNow().ToUnixTimeSeconds() / _periodSeconds;
        if (epoch == Volatile.Read(ref _epoch)) return;
        lock (_lock)
        {
            if (epoch == _epoch) return;
            _previous = epoch == _epoch + 1 ? _current : "";
            Span<byte> bytes = stackalloc byte[16];
            RandomNumberGenerator.Fill(bytes);
            _current = Base64Url.EncodeToString(bytes);
            Volatile.Write(ref _epoch, epoch);
        }
    }
}
