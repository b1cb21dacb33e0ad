using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Passport.Core.Errors;

namespace Passport.Core.Identity;

/// <summary>
/// Passport handles: stable human-readable names of the form <c>adverb-adjective-noun</c> (e.g. <c>quietly-brave-crane</c>),
/// optionally followed by <c>-N</c> when the registry had to disambiguate.
/// </summary>
public static partial class Handle
{
    /// <summary>Longest handle accepted, in characters.</summary>
    public const int MaxLength = 64;

    /// <summary>Number of distinct <c>adverb-adjective-noun</c> combinations (at least 250,000).</summary>
    public static int Combinations => HandleWords.Adverbs.Length * HandleWords.Adjectives.Length * HandleWords.Nouns.Length;

    /// <summary>Generates a handle with a cryptographically random choice of each word.</summary>
    public static string Generate() =>
        string.Join('-',
            HandleWords.Adverbs[RandomNumberGenerator.GetInt32(HandleWords.Adverbs.Length)],
            HandleWords.Adjectives[RandomNumberGenerator.GetInt32(HandleWords.Adjectives.Length)],
            HandleWords.Nouns[RandomNumberGenerator.GetInt32(HandleWords.Nouns.Length)]);

    /// <summary>True when <paramref name="handle"/> has the handle syntax: three lowercase words, optional numeric suffix.</summary>
    public static bool IsValid(string? handle) =>
        handle is not null && handle.Length <= MaxLength && Syntax().IsMatch(handle);

    /// <summary>Checks the handle syntax.</summary>
    /// <exception cref="PassportFormatException"><c>handle.invalid</c> when the syntax is wrong.</exception>
    public static string Validate(string? handle) =>
        IsValid(handle) ? handle! : throw new PassportFormatException(PassportErrorCodes.HandleInvalid,
            "A handle is three lowercase words joined by '-', optionally with a numeric suffix, e.g. quietly-brave-crane.");

    [GeneratedRegex("^[a-z]{2,20}-[a-z]{2,20}-[a-z]{2,20}(-[1-9][0-9]{0,5})?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
