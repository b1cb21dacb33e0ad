namespace Passes;

/// <summary>What the requester expects an approval to say: the values it sent, not values read back from the result.</summary>
/// <param name="Topic">The topic it requested.</param>
/// <param name="RequestHash">base64url(SHA-256) of the request bytes it sent.</param>
/// <param name="Nonce">The nonce it generated for this request.</param>
/// <param name="Origin">Its own origin.</param>
public sealed record ApprovalExpectation(string Topic, string RequestHash, string Nonce, string Origin)
{
    /// <summary>Builds the expectation from the request bytes the requester sent.</summary>
    /// <param name="requestEnvelope">The request bytes sent.</param>
    /// <param name="nonce">The nonce generated for it.</param>
    /// <param name="origin">The requester's origin.</param>
    /// <returns>The expectation.</returns>
    /// <exception cref="PassesFormatException">The request bytes are malformed.</exception>
    public static ApprovalExpectation ForRequest(ReadOnlySpan<byte> requestEnvelope, string nonce, string origin) =>
        new(RequestEnvelopeV0.ReadTopic(requestEnvelope), ApprovalBody.ComputeRequestHash(requestEnvelope), nonce, origin);
}
