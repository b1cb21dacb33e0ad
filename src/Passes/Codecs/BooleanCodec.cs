namespace Passes;

/// <summary>The Boolean codec: one byte, <c>01</c> true or <c>00</c> false. Anything else is refused.</summary>
public sealed class BooleanCodec : ICodec<bool>
{
    /// <inheritdoc />
    public byte[] Encode(bool value) => [value ? (byte)1 : (byte)0];

    /// <inheritdoc />
    public bool Decode(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x00] => false,
        [0x01] => true,
        _ => throw new PassesFormatException(PassesErrorCodes.InvalidBoolean, "A Boolean body is exactly one byte, 00 or 01."),
    };
}
