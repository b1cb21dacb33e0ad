using System.Collections.Concurrent;
using Passport.Core.Protocol;

namespace Passport.Agent;

/// <summary>The latest <c>DPoP-Nonce</c> each server (scheme, host, port) handed out (RFC 9449 §8.2), used in the next proofs to it.</summary>
internal sealed class DpopNonceCache
{
    public const string HeaderName = DpopConstants.NonceHeaderName;
    private const int MaxNonceLength = 512;
    private readonly ConcurrentDictionary<string, string> _nonces = new(StringComparer.OrdinalIgnoreCase);

    public string? Get(Uri uri) => _nonces.GetValueOrDefault(Key(uri));

    /// <summary>Remembers the response's nonce; true when it carried one.</summary>
    public bool Remember(Uri uri, HttpResponseMessage response)
    {
        if (!response.Headers.NonValidated.TryGetValues(HeaderName, out var values))
        {
            return false;
        }
        var nonce = values.FirstOrDefault();
        if (string.IsNullOrEmpty(nonce) || nonce.Length > MaxNonceLength)
        {
            return false;
        }
        _nonces[Key(uri)] = nonce;
        return true;
    }

    private static string Key(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
