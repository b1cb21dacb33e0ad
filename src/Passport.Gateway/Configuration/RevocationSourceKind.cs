namespace Passport.Gateway.Configuration;

/// <summary>Where the revocation cache learns about revoked records, rotated DIDs and revoked grants.</summary>
internal enum RevocationSourceKind
{
    None,
    Redis,
    Feed,
}

internal static class RevocationSourceKinds
{
    public static RevocationSourceKind? TryParse(string? value) =>
        Enum.TryParse<RevocationSourceKind>(value, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(value, out _) ? kind : null;
}
