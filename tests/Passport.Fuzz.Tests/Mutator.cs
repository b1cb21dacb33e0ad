using System.Text;

namespace Passport.Fuzz.Tests;

/// <summary>
/// A small afl-style mutator for the bounded in-process run: bit flips, interesting bytes, inserts, deletes,
/// duplications, splices with another corpus entry, and tokens that break text parsers (lone-surrogate escapes,
/// invalid and overlong UTF-8, quotes, brackets, huge numbers). Deterministic for a given <see cref="Random"/> seed.
/// </summary>
internal static class Mutator
{
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xED, 0xF4, 0xF5, 0xFE, 0xFF, (byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)':', (byte)',', (byte)'.', (byte)'-', (byte)'_', (byte)'=', (byte)' '];

    private static readonly byte[][] Tokens =
    [
        "\\ud800"u8.ToArray(), "\\udc00"u8.ToArray(), "\\u0000"u8.ToArray(), "\\"u8.ToArray(),
        [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xFF], [0xF4, 0x90, 0x80, 0x80],
        "1e999999"u8.ToArray(), "-0"u8.ToArray(), "99999999999999999999999999"u8.ToArray(), "1.5"u8.ToArray(), "null"u8.ToArray(), "true"u8.ToArray(),
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["u8.ToArray(), "{}"u8.ToArray(), "[]"u8.ToArray(), "\"\""u8.ToArray(),
        "did:key:z"u8.ToArray(), "z6Mk"u8.ToArray(), "=="u8.ToArray(), ".."u8.ToArray(), "\"kid\":"u8.ToArray(), "\"alg\":"u8.ToArray(),
        "\"jwk\":"u8.ToArray(), "\"cnf\":"u8.ToArray(), "\"act\":"u8.ToArray(), "\"scope\":"u8.ToArray(), "\"iat\":"u8.ToArray(), "\"d\":"u8.ToArray(),
    ];

    public static byte[] Mutate(Random random, byte[] input, IReadOnlyList<byte[]> corpus)
    {
        var data = new List<byte>(input);
        var rounds = 1 + random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            switch (random.Next(9))
            {
                case 0 when data.Count > 0:
                    var bit = random.Next(data.Count * 8);
                    data[bit / 8] ^= (byte)(1 << (bit % 8));
                    break;
                case 1 when data.Count > 0:
                    data[random.Next(data.Count)] = InterestingBytes[random.Next(InterestingBytes.Length)];
                    break;
                case 2:
                    data.Insert(random.Next(data.Count + 1), (byte)random.Next(256));
                    break;
                case 3 when data.Count > 0:
                    var start = random.Next(data.Count);
                    data.RemoveRange(start, Math.Min(data.Count - start, 1 + random.Next(8)));
                    break;
                case 4 when data.Count > 0:
                    var from = random.Next(data.Count);
                    var length = Math.Min(data.Count - from, 1 + random.Next(16));
                    data.InsertRange(random.Next(data.Count + 1), data.GetRange(from, length));
                    break;
                case 5 when corpus.Count > 0:
                    var other = corpus[random.Next(corpus.Count)];
                    var cut = random.Next(data.Count + 1);
                    var otherCut = random.Next(other.Length + 1);
                    data.RemoveRange(cut, data.Count - cut);
                    data.AddRange(other.AsSpan(otherCut).ToArray());
                    break;
                case 6 when data.Count > 0:
                    data.RemoveRange(random.Next(data.Count), 1);
                    break;
                case 7:
                    data.InsertRange(random.Next(data.Count + 1), Tokens[random.Next(Tokens.Length)]);
                    break;
                default:
                    // Overwrite inside a JSON string value when there is one: where ill-formed text does most harm.
                    var quote = data.IndexOf((byte)'"');
                    var at = quote >= 0 && random.Next(2) == 0 ? quote + 1 : random.Next(data.Count + 1);
                    data.InsertRange(Math.Min(at, data.Count), Tokens[random.Next(10)]);
                    break;
            }
        }
        return data.Count > 16 * 1024 ? data.GetRange(0, 16 * 1024).ToArray() : data.ToArray();
    }

    public static string Describe(byte[] input) => $"base64 {Convert.ToBase64String(input)} (text: {Encoding.UTF8.GetString(input)})";
}
