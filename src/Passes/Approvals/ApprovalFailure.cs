namespace Passes;

/// <summary>Why an approval body was refused; <see cref="None"/> when it passed.</summary>
public enum ApprovalFailure
{
    /// <summary>The approval passed every check.</summary>
    None = 0,

    /// <summary>The body's topic is not the requested topic.</summary>
    TopicMismatch,

    /// <summary>The body's request hash is not the hash of the request sent.</summary>
    RequestHashMismatch,

    /// <summary>The body's nonce is not the nonce sent.</summary>
    NonceMismatch,

    /// <summary>The body's origin is not the requester's origin.</summary>
    OriginMismatch,

    /// <summary>The body was issued further in the future than the allowed clock skew.</summary>
    IssuedInFuture,

    /// <summary>The body is older than the allowed age.</summary>
    Expired,
}
