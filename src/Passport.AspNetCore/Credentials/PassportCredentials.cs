using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Passport.AspNetCore.Refusals;
using Passport.Core.Protocol;

namespace Passport.AspNetCore.Credentials;

/// <summary>
/// Step 1 of the request path: exactly one <c>Authorization: DPoP|Bearer &lt;token&gt;</c> and exactly one <c>DPoP</c> header.
/// <see cref="Token"/> is a slice of the header value: a token-cache hit never copies the token.
/// </summary>
/// <param name="Scheme">The scheme the client used.</param>
/// <param name="Token">The token, a slice of the Authorization header value.</param>
/// <param name="Proof">The DPoP proof, when exactly one was sent.</param>
/// <param name="Refusal">Why the credentials are unusable, or null.</param>
public readonly record struct PassportCredentials(ClientScheme Scheme, ReadOnlyMemory<char> Token, string? Proof, Refusal? Refusal)
{
    /// <summary>Reads the credentials of <paramref name="request"/>.</summary>
    public static PassportCredentials Read(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        var dpop = request.Headers[DpopConstants.HeaderName];
        if (authorization.Count == 0)
        {
            return new(ClientScheme.None, default, null, dpop.Count == 0 ? RefusalCatalog.CredentialsMissing : RefusalCatalog.TokenMissing);
        }
        if (authorization.Count > 1) return new(ClientScheme.None, default, null, RefusalCatalog.AuthorizationDuplicated);
        var header = authorization[0] ?? "";
        var value = header.AsSpan().Trim();
        ClientScheme scheme;
        if (value.StartsWith("DPoP ", StringComparison.OrdinalIgnoreCase)) scheme = ClientScheme.Dpop;
        else if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) scheme = ClientScheme.Bearer;
        else return new(ClientScheme.None, default, null, RefusalCatalog.AuthorizationMalformed);
        var token = value[(scheme == ClientScheme.Dpop ? 5 : 7)..].Trim();
        // A token68 has no comma: one that does is several Authorization fields folded into one.
        if (token.Contains(',')) return new(scheme, default, null, RefusalCatalog.AuthorizationDuplicated);
        if (token.IsEmpty || token.ContainsAny(' ', '\t'))
        {
            return new(scheme, default, null, RefusalCatalog.AuthorizationMalformed);
        }
        header.AsSpan().Overlaps(token, out var tokenStart);
        var proof = ReadProof(dpop, out var proofRefusal);
        return new(scheme, header.AsMemory(tokenStart, token.Length), proof, proofRefusal);
    }

    private static string? ReadProof(StringValues dpop, out Refusal? refusal)
    {
        refusal = null;
        if (dpop.Count == 0)
        {
            refusal = RefusalCatalog.ForProof(Core.Dpop.DpopErrorCode.Missing);
            return null;
        }
        // A compact JWS has no comma: one that does is several proofs folded into one field.
        if (dpop.Count > 1 || dpop[0]!.Contains(','))
        {
            refusal = RefusalCatalog.DpopDuplicated;
            return null;
        }
        return dpop[0];
    }

    /// <summary>The scheme named by the Authorization header, for challenges written without a full read.</summary>
    public static ClientScheme SchemeOf(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization];
        if (authorization.Count != 1) return ClientScheme.None;
        var value = authorization[0].AsSpan().TrimStart();
        if (value.StartsWith("DPoP ", StringComparison.OrdinalIgnoreCase)) return ClientScheme.Dpop;
        if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return ClientScheme.Bearer;
        return ClientScheme.None;
    }
}
