using Passport.Server.Storage;

namespace Passport.Server.Owner;

/// <summary>An owner already authorized for <see cref="Handle"/> (by an emailed link today; by a Passes approval later).</summary>
public sealed record OwnerContext(string Handle);

/// <summary>The result of an owner action, as returned by <c>POST /auth/owner/approve</c>.</summary>
public sealed record OwnerActionResult(string Action, string Handle, string Status, string? Did, string? PreviousDid, object? Delegation);

/// <summary>
/// The owner actions of seeds/004, independent of how the owner was authorized. Callers verify the owner first; the
/// actions check the record state, store the change and publish its revocation event.
/// </summary>
public interface IOwnerActions
{
    /// <summary>Moves the handle to <paramref name="newDid"/> (possession of its key already proven); the old DID's tokens stop working (401).</summary>
    Task<OwnerActionResult> RotateAsync(OwnerContext owner, string newDid);

    /// <summary>Sets the record REVOKED; its tokens are refused (403).</summary>
    Task<OwnerActionResult> RevokeAsync(OwnerContext owner);

    /// <summary>Grants <paramref name="actorHandle"/> the right to act for the owner's agent within <paramref name="scope"/>.</summary>
    Task<OwnerActionResult> GrantDelegationAsync(OwnerContext owner, string actorHandle, IReadOnlyList<string> scope);

    /// <summary>
    /// Revokes the grant <paramref name="grantId"/> that the owner's agent gave (ungrant); delegation tokens of that grant
    /// are refused from then on (403 <c>grant.revoked</c>). 404 <c>delegation.not_found</c> when the agent did not give
    /// it, 409 <c>delegation.already_revoked</c> when it is no longer active.
    /// </summary>
    Task<OwnerActionResult> RevokeGrantAsync(OwnerContext owner, string grantId);
}
