using Passport.Core.Keys;

namespace Passport.Testing.Adversarial;

/// <summary>
/// What a host gives the matrix: a protected URL that a valid request reaches, a valid token bound to
/// <see cref="Key"/>, and, where the test owns the issuer's key, a way to sign forged tokens.
/// </summary>
/// <param name="Url">The absolute URL of a protected GET endpoint, as the agent addresses it (the proof's htu).</param>
/// <param name="Token">A valid access token whose cnf.jkt is the thumbprint of <paramref name="Key"/>.</param>
/// <param name="Key">The agent's key.</param>
/// <param name="SignToken">Signs (header bytes, payload bytes) as the trusted issuer; null when the host keeps its key (the IdP).</param>
public sealed record AdversarialTarget(string Url, string Token, Ed25519KeyPair Key, Func<byte[], byte[], string>? SignToken);
