using System.Numerics;
using System.Text.Json;

namespace Passes;

/// <summary>Shared instances of the built-in codecs, named as in <c>@passes/reqs</c>.</summary>
public static class Codecs
{
    /// <summary>Empty body.</summary>
    public static ICodec<Empty> Void { get; } = new VoidCodec();

    /// <summary>Raw bytes.</summary>
    public static ICodec<byte[]> Bytes { get; } = new BytesCodec();

    /// <summary>UTF-8 text.</summary>
    public static ICodec<string> String { get; } = new StringCodec();

    /// <summary>One byte, 00 or 01.</summary>
    public static ICodec<bool> Boolean { get; } = new BooleanCodec();

    /// <summary>float32 little-endian.</summary>
    public static ICodec<float> Number { get; } = new NumberCodec();

    /// <summary>Lowercase hex ASCII, non-negative only.</summary>
    public static ICodec<BigInteger> BigInt { get; } = new BigIntCodec();

    /// <summary>Any JSON value, written as JavaScript's JSON.stringify would.</summary>
    public static ICodec<JsonElement> Json { get; } = new JsonCodec<JsonElement>();

    /// <summary>A Json codec bound to a C# type.</summary>
    /// <typeparam name="T">The body type.</typeparam>
    /// <returns>A codec using <see cref="JsonCodec{T}.DefaultOptions"/>.</returns>
    public static ICodec<T> JsonOf<T>() => new JsonCodec<T>();
}
