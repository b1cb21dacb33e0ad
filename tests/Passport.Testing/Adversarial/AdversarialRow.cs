namespace Passport.Testing.Adversarial;

/// <summary>
/// One attack of the matrix: how to turn a valid request into the attack, and the refusal every host must answer with.
/// <paramref name="Status"/> 200 means the request is legitimate and must be accepted.
/// </summary>
/// <param name="Name">The row's name (the theory's data).</param>
/// <param name="Build">Builds the attack from a valid target.</param>
/// <param name="Status">Expected HTTP status.</param>
/// <param name="Error">Expected RFC 6750/9449 <c>error</c> of the WWW-Authenticate challenge (null: none).</param>
/// <param name="Code">Expected problem code (null when accepted).</param>
/// <param name="NeedsIssuerKey">The attack forges a token signed by the issuer: only hosts whose test owns that key run it.</param>
public sealed record AdversarialRow(string Name, Func<AdversarialTarget, AdversarialRequest> Build, int Status, string? Error, string? Code, bool NeedsIssuerKey = false)
{
    public override string ToString() => Name;
}
