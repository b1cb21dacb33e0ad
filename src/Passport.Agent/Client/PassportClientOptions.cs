namespace Passport.Agent;

/// <summary>Options of <see cref="PassportClient"/>.</summary>
public sealed class PassportClientOptions
{
    /// <summary>When set, acquired self tokens are persisted here and a registration or rotation updates the identity file.</summary>
    public IdentityStore? Store { get; set; }

    /// <summary>The <c>Authorization</c> scheme for authenticated calls. Default <see cref="DpopAuthorizationScheme.DPoP"/>.</summary>
    public DpopAuthorizationScheme Scheme { get; set; } = DpopAuthorizationScheme.DPoP;

    /// <summary>The clock for proofs and timestamps.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
