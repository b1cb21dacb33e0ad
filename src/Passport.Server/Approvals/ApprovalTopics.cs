using System.Text.Json.Serialization;
using Passes;
using Passport.Server.Owner;

namespace Passport.Server.Approvals;

/// <summary>
/// The Passport owner-approval topics (docs/passes-topics.md): Json request bodies written by the IdP; the accepted
/// result body is a signed <see cref="ApprovalBody"/> whose payload repeats the action.
/// </summary>
internal static class ApprovalTopics
{
    public const string ApproveDelegation = "org.passport.approve-delegation";
    public const string ApproveRotation = "org.passport.approve-rotation";
    public const string Revoke = "org.passport.revoke";
    public const string RevokeDelegation = "org.passport.revoke-delegation";
    public const string ApproveClaim = "org.passport.approve-claim";
    public const string RecoverKey = "org.passport.recover-key";
    public const string VetoRecovery = "org.passport.veto-recovery";
    public const string OwnerSignIn = "org.passport.owner-sign-in";

    /// <summary>The action an <see cref="OwnerSignIn"/> request and its signed payload name (not an owner-link action).</summary>
    public const string SignInAction = "sign-in";

    /// <summary>The request codec shared by every topic (the result is a signed body, read by the verifier).</summary>
    public static ICodec<ApprovalRequestBody> RequestCodec { get; } = new JsonCodec<ApprovalRequestBody>();

    /// <summary>The request codec of <see cref="OwnerSignIn"/>.</summary>
    public static ICodec<SignInRequestBody> SignInCodec { get; } = new JsonCodec<SignInRequestBody>();

    /// <summary>The topic that asks the owner to approve an owner-link action.</summary>
    public static string ForAction(string action) => action switch
    {
        OwnerActions.Delegate => ApproveDelegation,
        OwnerActions.Rotate => ApproveRotation,
        OwnerActions.Revoke => Revoke,
        OwnerActions.Ungrant => RevokeDelegation,
        OwnerActions.Claim => ApproveClaim,
        OwnerActions.RecoverKey => RecoverKey,
        OwnerActions.VetoRecovery => VetoRecovery,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown owner action."),
    };
}

/// <summary>
/// The request body of every Passport approval topic. Members are written in this order (JavaScript
/// <c>JSON.stringify</c> form); absent optional members are omitted.
/// </summary>
/// <param name="Issuer">The IdP's public origin; a provider warns when it differs from the requesting origin.</param>
/// <param name="Nonce">Single-use, 32 random bytes, base64url; echoed in the signed approval body.</param>
/// <param name="Action"><c>delegate</c>, <c>rotate</c>, <c>revoke</c>, <c>ungrant</c>, <c>claim</c>, <c>recover-key</c> or <c>veto-recovery</c>.</param>
/// <param name="Handle">The owner's agent.</param>
/// <param name="Name">The agent's display name, if any.</param>
/// <param name="Did">The agent's current DID.</param>
/// <param name="Actor">Delegation: the agent that will act for <paramref name="Handle"/>; ungrant: the grant's actor.</param>
/// <param name="Scope">Delegation: the granted scopes; ungrant: the grant's scopes.</param>
/// <param name="NewDid">Rotation: the DID the handle moves to.</param>
/// <param name="GrantId">Ungrant: the id of the grant to revoke.</param>
/// <param name="ExpiresAt">Until when the request can be answered, Unix seconds.</param>
internal sealed record ApprovalRequestBody(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("nonce")] string Nonce,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("handle")] string Handle,
    [property: JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonPropertyName("did")] string Did,
    [property: JsonPropertyName("actor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Actor,
    [property: JsonPropertyName("scope"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Scope,
    [property: JsonPropertyName("newDid"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NewDid,
    [property: JsonPropertyName("grantId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GrantId,
    [property: JsonPropertyName("expiresAt")] long ExpiresAt);

/// <summary>
/// The request body of <c>org.passport.owner-sign-in</c> (docs/passes-topics.md), written in this order. It names an
/// e-mail address instead of an agent: signing in concerns the owner, not one of their agents.
/// </summary>
/// <param name="Issuer">The IdP's public origin.</param>
/// <param name="Nonce">Single-use, 32 random bytes, base64url; echoed in the signed approval body.</param>
/// <param name="Action">Always <c>sign-in</c> (every Passport topic body names its action, so providers check them alike).</param>
/// <param name="Email">The address the owner typed; the session is for the owner of this address.</param>
/// <param name="ExpiresAt">Until when the request can be answered, Unix seconds.</param>
internal sealed record SignInRequestBody(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("nonce")] string Nonce,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("expiresAt")] long ExpiresAt);
