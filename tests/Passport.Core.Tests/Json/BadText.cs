namespace Passport.Core.Tests.Json;

/// <summary>
/// Byte sequences that make a JSON string not well-formed Unicode, as found by the black-box testers (issue 14 class 2):
/// escaped lone surrogates, raw surrogates, overlong and truncated UTF-8, bytes that never occur in UTF-8.
/// Each is placed between the quotes of a JSON string.
/// </summary>
internal static class BadText
{
    public static readonly (string Name, byte[] Bytes)[] Rows =
    [
        ("escaped high surrogate", "\\ud800"u8.ToArray()),
        ("escaped low surrogate", "\\udc00"u8.ToArray()),
        ("escaped pair in the wrong order", "\\udc00\\ud800"u8.ToArray()),
        ("escaped high surrogate then a letter", "\\uD83Da"u8.ToArray()),
        ("raw high surrogate (CESU-8)", [0xED, 0xA0, 0x80]),
        ("raw low surrogate (CESU-8)", [0xED, 0xB0, 0x80]),
        ("overlong NUL C0 80", [0xC0, 0x80]),
        ("overlong slash C0 AF", [0xC0, 0xAF]),
        ("overlong three bytes E0 80 80", [0xE0, 0x80, 0x80]),
        ("byte FF", [0xFF]),
        ("byte FE", [0xFE]),
        ("truncated two-byte sequence", [0xC3]),
        ("truncated three-byte sequence", [0xE2, 0x82]),
        ("truncated four-byte sequence", [0xF0, 0x9F, 0x98]),
        ("lone continuation byte", [0x80]),
        ("code point above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
    ];

    public static TheoryData<string> Names => new(Rows.Select(r => r.Name));

    public static byte[] Of(string name) => Rows.Single(r => r.Name == name).Bytes;

    /// <summary>The UTF-8 bytes of <paramref name="template"/> with <c>@</c> replaced by <paramref name="bad"/>.</summary>
    public static byte[] Splice(string template, byte[] bad)
    {
        var at = template.IndexOf('@', StringComparison.Ordinal);
        return [.. System.Text.Encoding.UTF8.GetBytes(template[..at]), .. bad, .. System.Text.Encoding.UTF8.GetBytes(template[(at + 1)..])];
    }

    /// <summary>Only the escaped rows can be written in a .NET string (the raw ones are bytes, not text).</summary>
    public static TheoryData<string> EscapedNames => new(Rows.Where(r => r.Bytes[0] == (byte)'\\').Select(r => r.Name));
}
