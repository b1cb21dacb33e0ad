namespace Passport.AspNetCore.Resources;

/// <summary>
/// The protected resource a request addresses (RFC 9728 §1): its identifier, the URL of its metadata document, and the
/// scopes it needs, for challenges (RFC 6750 §3 <c>scope</c>, RFC 9728 §5.1 <c>resource_metadata</c>) and the audience check.
/// </summary>
/// <param name="Resource">The resource identifier: an absolute URL without fragment (RFC 8707 §2), e.g. <c>https://gw.example/mcp</c>.</param>
/// <param name="MetadataUrl">Where its RFC 9728 document is served: the path-inserted well-known URL (RFC 9728 §3.1).</param>
/// <param name="Scope">The scopes the resource requires, space-separated (RFC 6749 §3.3), or null when none.</param>
public sealed record PassportResource(string Resource, string MetadataUrl, string? Scope);
