namespace Passport.Gateway.Configuration;

/// <summary>Where (jkt, jti) pairs are recorded.</summary>
internal enum ReplayStoreKind
{
    Memory,
    Redis,
}

internal static class ReplayStoreKinds
{
    public static ReplayStoreKind? TryParse(string? value) =>
        Enum.TryParse<ReplayStoreKind>(value, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(value, out _) ? kind : null;
}
