using Passport.Core.Errors;
using SimpleBase;

namespace Passport.Core.Encoding;

/// <summary>Base58 with the Bitcoin alphabet, as used by multibase <c>z</c> prefixes (did:key).</summary>
public static class Base58Btc
{
    /// <summary>Encodes <paramref name="data"/> in base58btc (no multibase prefix).</summary>
    public static string Encode(ReadOnlySpan<byte> data) => Base58.Bitcoin.Encode(data);

    /// <summary>Decodes base58btc text (no multibase prefix).</summary>
    /// <exception cref="PassportFormatException"><c>base58.invalid</c> when a character is outside the Bitcoin alphabet.</exception>
    public static byte[] Decode(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c > 127 || !Alphabet.Contains(c))
            {
                throw new PassportFormatException(PassportErrorCodes.Base58Invalid,
                    "Expected base58btc characters only (1-9, A-Z, a-z without 0, O, I, l).");
            }
        }
        return Base58.Bitcoin.Decode(text);
    }

    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
}
