namespace Passes;

/// <summary>The request body of <c>org.passes.request-with-default-provider</c>: a provider URI and an inner request.</summary>
/// <param name="DefaultProvider">The provider URI to use if the user has none for the inner topic (1..256 UTF-8 bytes).</param>
/// <param name="Request">The inner request (may be a batch; may not be another default-provider request).</param>
public sealed record DefaultProviderRequest(string DefaultProvider, RequestEnvelopeV0 Request);
