namespace Passport.Gateway.Revocation;

/// <summary>What the gateway knows about revoked records, rotated DIDs and revoked grants, and whether that knowledge is current.</summary>
internal interface IRevocationCache
{
    /// <summary>The sets.</summary>
    RevocationList List { get; }

    /// <summary>True while the source was confirmed current within <c>Revocation:MaxStalenessSeconds</c>; false means fail closed.</summary>
    bool IsCurrent { get; }
}
