namespace Passes;

/// <summary>The String codec: UTF-8 text. Invalid UTF-8 and lone surrogates are refused, not replaced.</summary>
public sealed class StringCodec : ICodec<string>
{
    /// <inheritdoc />
    public byte[] Encode(string value) => Internal.StrictUtf8.Encode(value, "String body");

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<byte> bytes) => Internal.StrictUtf8.Decode(bytes, "String body");
}
