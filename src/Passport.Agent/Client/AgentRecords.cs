using System.Text.Json.Serialization;

namespace Passport.Agent;

/// <summary>The answer of <c>POST /auth/register</c>: the new Passport record.</summary>
public sealed record RegistrationResult
{
    /// <summary>The handle the IdP assigned.</summary>
    public string Handle { get; init; } = "";
    /// <summary>The registered DID.</summary>
    public string Did { get; init; } = "";
    /// <summary>The record status (<c>UNCLAIMED</c> after registration).</summary>
    public string Status { get; init; } = "";
    /// <summary>The agent's name, if any.</summary>
    public string? Name { get; init; }
    /// <summary>When the record was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>The identity the IdP sees for a token (<c>GET /me</c>) or returns after a claim (<c>POST /auth/claim</c>).</summary>
public sealed record AgentInfo
{
    /// <summary>The DID (<c>sub</c>).</summary>
    public string Did { get; init; } = "";
    /// <summary>The handle.</summary>
    public string Handle { get; init; } = "";
    /// <summary>The record status: <c>UNCLAIMED</c>, <c>CLAIMED</c> or <c>REVOKED</c>.</summary>
    public string Status { get; init; } = "";
    /// <summary>The agent's name, if any.</summary>
    public string? Name { get; init; }
}

/// <summary>A delegation grant (<c>/api/delegations</c>): the principal lets the actor act for it within <see cref="Scope"/>.</summary>
public sealed record DelegationGrant
{
    /// <summary>The grant id.</summary>
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string Id { get; init; } = "";
    /// <summary>The principal's handle.</summary>
    public string Principal { get; init; } = "";
    /// <summary>The actor's handle.</summary>
    public string Actor { get; init; } = "";
    /// <summary>The granted scopes.</summary>
    public IReadOnlyList<string> Scope { get; init; } = [];
    /// <summary><c>ACTIVE</c> or <c>REVOKED</c>.</summary>
    public string Status { get; init; } = "";
    /// <summary>When the grant was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>The answer of <c>POST /auth/owner/approve</c>.</summary>
public sealed record OwnerActionResult
{
    /// <summary>The action performed: <c>rotate</c>, <c>revoke</c> or <c>delegate</c>.</summary>
    public string Action { get; init; } = "";
    /// <summary>The handle acted upon.</summary>
    public string Handle { get; init; } = "";
    /// <summary>The record status after the action, when the server reports it.</summary>
    public string? Status { get; init; }
    /// <summary>The new DID after a rotation, when the server reports it.</summary>
    public string? Did { get; init; }
}

/// <summary>A mail in the development outbox (<c>GET /dev/outbox</c>).</summary>
public sealed record OutboxMessage
{
    /// <summary>The message id.</summary>
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string Id { get; init; } = "";
    /// <summary>The recipient.</summary>
    public string To { get; init; } = "";
    /// <summary>The subject line.</summary>
    public string Subject { get; init; } = "";
    /// <summary>The text body.</summary>
    public string Body { get; init; } = "";
    /// <summary>The absolute links in the message (claim and owner-approval links).</summary>
    public IReadOnlyList<string> Links { get; init; } = [];
    /// <summary>When the message was sent.</summary>
    public DateTimeOffset? SentAt { get; init; }
}
