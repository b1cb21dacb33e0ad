using Passport.Core.Protocol;
namespace Passport.Agent;

/// <summary>
/// An access token issued by Passport (self-identity, or delegation when <see cref="Principal"/> is set), with the
/// audience it was issued for. <see cref="ToString"/> never shows the token.
/// </summary>
public sealed record PassportAccessToken
{
    /// <summary>The compact JWT. A secret bound to the agent's key: never log it.</summary>
    public required string Token { get; init; }

    /// <summary>The token type the server reported (<c>DPoP</c>).</summary>
    public string TokenType { get; init; } = DpopConstants.TokenType;

    /// <summary>The <c>aud</c> the token was requested for.</summary>
    public required string Audience { get; init; }

    /// <summary>Scopes of a delegation token; null for self tokens.</summary>
    public IReadOnlyList<string>? Scope { get; init; }

    /// <summary>The grant behind a delegation token.</summary>
    public string? GrantId { get; init; }

    /// <summary>The principal's handle for a delegation token; null for self tokens.</summary>
    public string? Principal { get; init; }

    /// <summary>When the token was obtained.</summary>
    public DateTimeOffset ObtainedAt { get; init; }

    /// <summary>True for delegation tokens.</summary>
    public bool IsDelegation => Principal is not null;

    /// <inheritdoc />
    public override string ToString() =>
        IsDelegation ? $"delegation token for {Audience} as {Principal}" : $"token for {Audience}";
}
