namespace Passport.Gateway.Revocation;

/// <summary><c>Revocation:Source=None</c>: only the token's own <c>status</c> is checked.</summary>
internal sealed class NoRevocationCache : IRevocationCache
{
    public RevocationList List { get; } = new();

    public bool IsCurrent => true;
}
