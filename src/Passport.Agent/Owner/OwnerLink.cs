namespace Passport.Agent;

/// <summary>Reads single-use tokens out of emailed links (<c>/claim?token=…</c>, <c>/owner/approve?token=…</c>).</summary>
public static class OwnerLink
{
    /// <summary>Path of owner-approval links.</summary>
    public const string ApprovePath = "/owner/approve";

    /// <summary>Path of claim links.</summary>
    public const string ClaimPath = "/claim";

    /// <summary>The <c>token</c> query parameter when <paramref name="linkOrToken"/> is a URL, else the text itself.</summary>
    public static string ExtractToken(string linkOrToken)
    {
        var text = linkOrToken.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return text;
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=');
            if (separator > 0 && pair[..separator] == "token")
            {
                return Uri.UnescapeDataString(pair[(separator + 1)..]);
            }
        }
        throw new PassportAgentException(AgentErrorCodes.ArgumentInvalid, "The link has no 'token' query parameter; pass the token or the whole link from the email.");
    }

    /// <summary>The newest link in <paramref name="messages"/> whose path ends with <paramref name="path"/> (and, if given, sent to <paramref name="to"/>).</summary>
    public static string? FindNewest(IEnumerable<OutboxMessage> messages, string path, string? to = null) =>
        messages.Reverse()
            .Where(m => to is null || string.Equals(m.To, to, StringComparison.OrdinalIgnoreCase))
            .SelectMany(m => m.Links)
            .FirstOrDefault(l => Uri.TryCreate(l, UriKind.Absolute, out var uri) && uri.AbsolutePath.EndsWith(path, StringComparison.Ordinal));
}
