namespace Passport.Gateway.Forwarding;

/// <summary>The identity header names (docs/api-contract.md) under the configured prefix, <c>X-Passport-</c> by default.</summary>
internal sealed record IdentityHeaderNames(string Prefix)
{
    public string Sub { get; } = Prefix + "Sub";
    public string Handle { get; } = Prefix + "Handle";
    public string Status { get; } = Prefix + "Status";
    public string Name { get; } = Prefix + "Name";
    public string Actor { get; } = Prefix + "Actor";
    public string ActorHandle { get; } = Prefix + "Actor-Handle";
    public string Scope { get; } = Prefix + "Scope";
    public string Jkt { get; } = Prefix + "Jkt";
}
