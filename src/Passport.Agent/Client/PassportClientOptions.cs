namespace Passport.Agent;

/// <summary>Options of <see cref="PassportClient"/>.</summary>
public sealed class PassportClientOptions
{
    /// <summary>When set, acquired self tokens are persisted here and a registration or rotation updates the identity file.</summary>
    public IdentityStore? Store { get; set; }

    /// <summary>The <c>Authorization</c> scheme for authenticated calls. Default <see cref="DpopAuthorizationScheme.DPoP"/>.</summary>
    public DpopAuthorizationScheme Scheme { get; set; } = DpopAuthorizationScheme.DPoP;

    /// <summary>
    /// How <see cref="PassportClient.GetTokenAsync"/> obtains self tokens (also when a <see cref="DpopHandler"/> refreshes
    /// one). Default <see cref="PassportTokenGrant.Challenge"/> (seeds/004); <see cref="PassportTokenGrant.ClientCredentials"/>
    /// uses the OAuth grant with <c>private_key_jwt</c> (RFC 7523) and needs an IdP that advertises it.
    /// </summary>
    public PassportTokenGrant TokenGrant { get; set; } = PassportTokenGrant.Challenge;

    /// <summary>The clock for proofs and timestamps.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
