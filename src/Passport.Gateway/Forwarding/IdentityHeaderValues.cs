using System.Text;
using Passport.Core.Tokens;

namespace Passport.Gateway.Forwarding;

/// <summary>The header-safe values of the identity headers of docs/api-contract.md, computed once per verified token.</summary>
internal sealed record IdentityHeaderValues(
    string Sub, string? Handle, string? Status, string? Name, string? Actor, string? ActorHandle, string? Scope, string Jkt)
{
    public static IdentityHeaderValues From(PassportTokenClaims token) => new(
        Safe(token.Subject)!,
        Safe(token.Handle),
        Safe(token.Status),
        Safe(token.Name),
        Safe(token.Actor?.Subject),
        Safe(token.Actor?.Handle),
        token.Scope is null ? null : Safe(string.Join(' ', token.Scope)),
        Safe(token.Jkt)!);

    /// <summary>Visible ASCII and spaces pass unchanged; anything else is RFC 8187-style: <c>UTF-8''</c> + percent-encoded UTF-8.</summary>
    public static string? Safe(string? value)
    {
        if (value is null) return null;
        if (value.Length > 0 && value.All(c => c >= 0x20 && c <= 0x7e) && value[0] != ' ' && value[^1] != ' ' && !value.StartsWith("UTF-8''", StringComparison.Ordinal))
        {
            return value;
        }
        var builder = new StringBuilder("UTF-8''");
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || "!#$&+-.^_`|~".Contains((char)b)) builder.Append((char)b);
            else builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}
