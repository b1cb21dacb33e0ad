namespace Passport.Gateway.Forwarding;

/// <summary>The identity header names (docs/api-contract.md) under the configured prefix, <c>X-Passport-</c> by default.</summary>
internal sealed record IdentityHeaderNames(string Prefix)
{
    public string Sub { get; } = Prefix + "Sub";
    public string Handle { get; } = Prefix + "Handle";
    public string Status { get; } = Prefix + "Status";
    public string Name { get; } = Prefix + "Name";
    public string Actor { get; } = Prefix + "Actor";
    public string ActorHandle { get; } = Prefix + "Actor-Handle";
    public string Scope { get; } = Prefix + "Scope";
    public string Jkt { get; } = Prefix + "Jkt";

    /// <summary>
    /// True when an upstream may read <paramref name="headerName"/> as a header under the prefix. CGI, WSGI, Rack,
    /// PHP-FPM and nginx (<c>underscores_in_headers</c>) upper-case names and turn <c>-</c> into <c>_</c>, so
    /// <c>X_Passport_Sub</c> and <c>x-passport_sub</c> both become <c>HTTP_X_PASSPORT_SUB</c>; PHP also folds <c>.</c> and
    /// spaces. So the comparison folds ASCII case and treats every character that is not an ASCII letter or digit as the
    /// same separator: a superset of what any of those stacks folds (oauth2-proxy CVE-2025-64484 class). No allocation.
    /// </summary>
    public bool Covers(ReadOnlySpan<char> headerName)
    {
        var prefix = Prefix.AsSpan();
        if (headerName.Length < prefix.Length) return false;
        for (var i = 0; i < prefix.Length; i++)
        {
            if (Fold(headerName[i]) != Fold(prefix[i])) return false;
        }
        return true;
    }

    private static char Fold(char c) =>
        char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-';
}
