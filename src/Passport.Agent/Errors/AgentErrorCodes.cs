namespace Passport.Agent;

/// <summary>The closed list of stable error codes raised by the agent SDK itself (server errors keep the server's code).</summary>
public static class AgentErrorCodes
{
    /// <summary>No identity file exists at the expected path.</summary>
    public const string IdentityNotFound = "identity.not_found";
    /// <summary>An identity file already exists and would be overwritten.</summary>
    public const string IdentityExists = "identity.exists";
    /// <summary>The identity or token file is readable or writable by group or others.</summary>
    public const string IdentityInsecurePermissions = "identity.insecure_permissions";
    /// <summary>The identity or token file is not valid JSON of the expected shape, or its key does not match its DID.</summary>
    public const string IdentityMalformed = "identity.malformed";
    /// <summary>The identity has no handle or issuer yet: register it first.</summary>
    public const string IdentityNotRegistered = "identity.not_registered";
    /// <summary>Discovery could not find the protected-resource or authorization-server metadata.</summary>
    public const string DiscoveryFailed = "discovery.failed";
    /// <summary>The authorization-server metadata names another issuer than the one requested (RFC 8414 §3.3).</summary>
    public const string DiscoveryIssuerMismatch = "discovery.issuer_mismatch";
    /// <summary>No issuer is known: discover one or pass it explicitly.</summary>
    public const string IssuerUnknown = "issuer.unknown";
    /// <summary>A server response was not what the contract describes (bad JSON, missing member, bad nonce).</summary>
    public const string ResponseInvalid = "response.invalid";
    /// <summary>
    /// No usable token is stored for the audience. Not <c>token.missing</c>: that code is the resource server's refusal
    /// of a request without an access token (one code, one meaning across components).
    /// </summary>
    public const string TokenMissing = "token.not_stored";
    /// <summary>An argument given to the SDK is invalid.</summary>
    public const string ArgumentInvalid = "argument.invalid";
    /// <summary>No rotation is pending for this identity.</summary>
    public const string RotationNotPending = "rotation.not_pending";
}
