using Passport.Gateway.Forwarding;

namespace Passport.Gateway.Tests.Forwarding;

/// <summary>
/// Spellings of the identity header names that upstream stacks fold into the real ones (CGI/WSGI/Rack/PHP: case and
/// <c>-</c>/<c>_</c>; PHP also <c>.</c>). Every variant of one name differs from the others in its separators, so all of
/// them fit in one request (HTTP header names are case-insensitive).
/// </summary>
public static class IdentityHeaderVariants
{
    internal static readonly IdentityHeaderNames Names = new("X-Passport-");

    /// <summary>Every identity header name of docs/api-contract.md.</summary>
    public static readonly string[] All =
        [Names.Sub, Names.Handle, Names.Status, Names.Name, Names.Actor, Names.ActorHandle, Names.Scope, Names.Jkt];

    private static readonly (char AfterX, char AfterPassport)[] Separators = [('-', '-'), ('_', '_'), ('-', '_'), ('_', '-'), ('.', '.'), ('-', '.')];

    /// <summary>The variants of one identity header name (e.g. <c>X-Passport-Actor-Handle</c>): all-underscore, mixed, dotted, in three casings.</summary>
    public static IEnumerable<string> Of(string name)
    {
        var suffix = name["X-Passport-".Length..];
        for (var i = 0; i < Separators.Length; i++)
        {
            var (a, b) = Separators[i];
            var variant = $"X{a}Passport{b}{suffix.Replace('-', b)}";
            yield return (i % 3) switch
            {
                0 => variant.ToLowerInvariant(),
                1 => variant.ToUpperInvariant(),
                _ => variant,
            };
        }
    }

    /// <summary>Variants of every identity header name.</summary>
    public static IEnumerable<string> OfAll() => All.SelectMany(Of);
}
