using Microsoft.Extensions.Options;
using Passport.Core.Dpop;
using Passport.Gateway.Configuration;
using Passport.Gateway.Refusals;

namespace Passport.Gateway.Dpop;

/// <summary>Step 3 of the request path: every RFC 9449 §4.3 check of Core's validator, htu from <see cref="PublicRequestUri"/>, optional nonce.</summary>
internal sealed class ProofVerifier
{
    private readonly DpopProofValidator _validator;
    private readonly PublicRequestUri _uri;
    private readonly DpopNonces _nonces;

    public ProofVerifier(IOptions<PassportGatewayOptions> options, PublicRequestUri uri, DpopNonces nonces, TimeProvider time)
    {
        var dpop = options.Value.Dpop;
        _validator = new DpopProofValidator(
            new DpopProofValidationOptions
            {
                IssuedAtWindow = TimeSpan.FromSeconds(dpop.IssuedAtWindowSeconds),
                RequireAth = dpop.RequireAth,
                MaxProofLength = dpop.MaxProofLength,
            },
            time);
        _uri = uri;
        _nonces = nonces;
    }

    public TimeSpan Window => _validator.Options.IssuedAtWindow;

    public ProofCheck Verify(HttpContext context, string proof, string accessToken, string expectedJkt)
    {
        var result = _validator.Validate(new DpopProofContext(proof, context.Request.Method, _uri.For(context), accessToken, expectedJkt));
        if (!result.Succeeded) return new ProofCheck(result, RefusalCatalog.ForProof(result.Error));
        if (_nonces.Enabled && !_nonces.IsAcceptable(result.Nonce)) return new ProofCheck(result, RefusalCatalog.ForProof(DpopErrorCode.NonceRequired));
        return new ProofCheck(result, null);
    }
}

/// <summary>The outcome of <see cref="ProofVerifier.Verify"/>.</summary>
internal readonly record struct ProofCheck(DpopProofResult Result, Refusal? Refusal);
