namespace Passport.Server.Registry;

/// <summary>Masks an owner address as seeds/004 shows: first character, <c>***</c>, then the domain (<c>x***@example.com</c>).</summary>
internal static class EmailMask
{
    public static string? Mask(string? email)
    {
        if (string.IsNullOrEmpty(email)) return null;
        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }
}
