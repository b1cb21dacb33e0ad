using System.Numerics;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;

namespace Passes.Tests.CodecTests;

/// <summary>Round-trip properties: decode(encode(x)) == x and encode(decode(b)) == b for every codec.</summary>
public class CodecPropertyTests
{
    [Property]
    public void Void_round_trips() =>
        Assert.Equal(Empty.Value, Passes.Codecs.Void.Decode(Passes.Codecs.Void.Encode(Empty.Value)));

    [Property]
    public bool Bytes_round_trip(byte[] value) =>
        Passes.Codecs.Bytes.Decode(Passes.Codecs.Bytes.Encode(value)).AsSpan().SequenceEqual(value);

    [Property]
    public bool Strings_round_trip_or_are_refused_for_lone_surrogates(NonNull<string> value)
    {
        if (!IsWellFormed(value.Get))
        {
            return Throws(PassesErrorCodes.InvalidUtf16, () => Passes.Codecs.String.Encode(value.Get));
        }

        var bytes = Passes.Codecs.String.Encode(value.Get);
        // Decoding drops one leading U+FEFF, as the reference's TextDecoder does (ReferenceEdgeCaseTests).
        var expected = value.Get.StartsWith('\ufeff') ? value.Get[1..] : value.Get;
        return Passes.Codecs.String.Decode(bytes) == expected && bytes.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(value.Get));
    }

    [Property]
    public bool Booleans_round_trip(bool value) => Passes.Codecs.Boolean.Decode(Passes.Codecs.Boolean.Encode(value)) == value;

    [Property]
    public bool Numbers_round_trip_bit_for_bit_except_nan_which_is_canonical(float value)
    {
        var bytes = Passes.Codecs.Number.Encode(value);
        var back = Passes.Codecs.Number.Decode(bytes);
        return float.IsNaN(value)
            ? float.IsNaN(back) && Convert.ToHexStringLower(bytes) == "0000c07f"
            : BitConverter.SingleToInt32Bits(back) == BitConverter.SingleToInt32Bits(value);
    }

    [Property]
    public bool Any_four_bytes_decode_as_a_number(byte a, byte b, byte c, byte d)
    {
        var value = Passes.Codecs.Number.Decode([a, b, c, d]);
        return float.IsNaN(value) || Passes.Codecs.Number.Encode(value).AsSpan().SequenceEqual(new[] { a, b, c, d });
    }

    [Property]
    public bool BigInts_round_trip_or_are_refused_when_negative(BigInteger value)
    {
        if (value.Sign < 0)
        {
            return Throws(PassesErrorCodes.NegativeBigInt, () => Passes.Codecs.BigInt.Encode(value));
        }

        var bytes = Passes.Codecs.BigInt.Encode(value);
        var text = Encoding.ASCII.GetString(bytes);
        return Passes.Codecs.BigInt.Decode(bytes) == value
            && text == value.ToString("x").TrimStart('0').PadLeft(1, '0')
            && text.All(ch => ch is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
    }

    [Property]
    public bool Large_bigints_round_trip(PositiveInt high, PositiveInt low)
    {
        var value = (new BigInteger(high.Get) << 96) + low.Get;
        return Passes.Codecs.BigInt.Decode(Passes.Codecs.BigInt.Encode(value)) == value;
    }

    [Property]
    public bool Json_strings_round_trip(NonNull<string> value)
    {
        if (!IsWellFormed(value.Get))
        {
            return true; // covered by JsonStringifyTests (lone surrogates are escaped, not encodable as a .NET JSON string)
        }

        var codec = new JsonCodec<string>();
        var bytes = codec.Encode(value.Get);
        return codec.Decode(bytes) == value.Get && codec.Encode(codec.Decode(bytes)).AsSpan().SequenceEqual(bytes);
    }

    [Property]
    public bool Json_records_round_trip(NonNull<string> uri, NonNull<string>[] topics)
    {
        if (!IsWellFormed(uri.Get) || topics.Any(t => !IsWellFormed(t.Get)))
        {
            return true;
        }

        var codec = new JsonCodec<ProvideTopicsRequest>();
        var value = new ProvideTopicsRequest(uri.Get, [.. topics.Select(t => t.Get)]);
        var bytes = codec.Encode(value);
        var back = codec.Decode(bytes);
        return back.Uri == value.Uri && back.Topics.SequenceEqual(value.Topics) && codec.Encode(back).AsSpan().SequenceEqual(bytes);
    }

    [Property]
    public bool Json_numbers_reparse_to_the_same_double(double value)
    {
        if (!double.IsFinite(value))
        {
            return JsonStringify.FormatNumber(value) == "null";
        }

        var text = JsonStringify.FormatNumber(value);
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.GetDouble() == value;
    }

    [Property]
    public bool Json_element_encoding_is_idempotent(int a, bool b, NonNull<string> s, double d)
    {
        if (!IsWellFormed(s.Get))
        {
            return true;
        }

        var value = JsonSerializer.SerializeToElement(new { a, b, s = s.Get, d = double.IsFinite(d) ? d : 0, nested = new[] { a } });
        var once = Passes.Codecs.Json.Encode(value);
        var twice = Passes.Codecs.Json.Encode(Passes.Codecs.Json.Decode(once));
        return once.AsSpan().SequenceEqual(twice);
    }

    internal static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool Throws(string code, Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (PassesFormatException ex)
        {
            return ex.Code == code;
        }
    }
}
