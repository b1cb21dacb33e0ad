using System.Text;

namespace Passport.Fuzz;

/// <summary>
/// Turns fuzz bytes into the text a string parser gets. UTF-8 decoding would replace every ill-formed sequence with
/// U+FFFD, so a leading <c>0xFE</c> switches to UTF-16LE: then any UTF-16 code unit, lone surrogates included, can reach
/// the parser, as it can from a .NET caller.
/// </summary>
public static class FuzzText
{
    /// <summary>The marker byte that selects UTF-16LE for the rest of the input.</summary>
    public const byte Utf16Marker = 0xFE;

    /// <summary>The text for <paramref name="input"/>.</summary>
    public static string From(byte[] input) =>
        input.Length > 0 && input[0] == Utf16Marker
            ? Encoding.Unicode.GetString(input, 1, (input.Length - 1) & ~1)
            : Encoding.UTF8.GetString(input);
}
