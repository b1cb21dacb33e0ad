using Passport.AspNetCore.Dpop;
using Passport.AspNetCore.Refusals;
using Passport.Core.Dpop;

namespace Passport.AspNetCore;

/// <summary>What a scheme's options compile to, built once: the proof validator, the htu builder and the refusal writer.</summary>
internal sealed class PassportSchemeState(PassportAuthenticationOptions options, TimeProvider time)
{
    public DpopProofValidator Proofs { get; } = new(
        new DpopProofValidationOptions
        {
            IssuedAtWindow = TimeSpan.FromSeconds(options.ProofIssuedAtWindowSeconds),
            RequireAth = options.RequireAth,
            MaxProofLength = options.MaxProofLength,
            AcceptEs256 = options.AcceptEs256Proofs,
        },
        time);

    public PublicRequestUri Uri { get; } = new(options.PublicOrigin!, options.TrustedProxies);

    public RefusalWriter Writer { get; } = new(options.EffectiveResourceMetadataUrl, options.RetryAfterSeconds);

    public TimeSpan Window => Proofs.Options.IssuedAtWindow;
}
