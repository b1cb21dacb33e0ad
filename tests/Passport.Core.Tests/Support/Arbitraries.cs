using FsCheck;
using FsCheck.Fluent;

namespace Passport.Core.Tests.Support;

/// <summary>Exactly 32 random bytes (an Ed25519 public key's length).</summary>
public sealed record Bytes32(byte[] Value)
{
    public override string ToString() => Convert.ToHexString(Value);
}

/// <summary>Text that is sometimes close to valid input (alphabet characters, dots, prefixes) and sometimes anything.</summary>
public sealed record NearlyValidText(string Value)
{
    public override string ToString() => Value;
}

/// <summary>FsCheck generators for the property tests.</summary>
public static class Arbitraries
{
    private const string Base58Chars = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const string Base64UrlChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const string Noise = "0OIl=+/ .:\t\n\"{}[]é\u0000\uffff";

    private static Gen<byte> AnyByte => Gen.Choose(0, 255).Select(i => (byte)i);

    public static Arbitrary<Bytes32> Bytes32() =>
        Gen.ArrayOf(AnyByte, 32).Select(b => new Bytes32(b)).ToArbitrary();

    public static Arbitrary<NearlyValidText> NearlyValidText()
    {
        var chars = Gen.Frequency(
            (6, Gen.Elements(Base58Chars.ToCharArray())),
            (4, Gen.Elements(Base64UrlChars.ToCharArray())),
            (1, Gen.Elements(Noise.ToCharArray())),
            (1, Gen.Choose(0, 0xFFFF).Select(i => (char)i)));
        var body = Gen.ArrayOf(chars).Select(a => new string(a));
        var prefix = Gen.Elements("", "did:key:z", "did:key:z6Mk", "did:key:", "z", "eyJ");
        return prefix.SelectMany(p => body, (p, b) => new NearlyValidText(p + b)).ToArbitrary();
    }
}
