namespace Passport.Agent;

/// <summary>The scheme of the <c>Authorization</c> header that carries a DPoP-bound token.</summary>
public enum DpopAuthorizationScheme
{
    /// <summary><c>Authorization: DPoP &lt;token&gt;</c> (RFC 9449 §7.1). The default.</summary>
    DPoP,
    /// <summary><c>Authorization: Bearer &lt;token&gt;</c>, as seeds/004 shows it.</summary>
    Bearer,
}
