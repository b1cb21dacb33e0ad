using Passport.Core.Identity;
using Passport.Core.Keys;

namespace Passport.Agent;

/// <summary>
/// An agent's identity: its Ed25519 key pair (the credential), its <c>did:key</c>, and what registration assigned
/// (handle, issuer, name). <see cref="ToString"/> shows the DID and handle only, never the key.
/// </summary>
public sealed class AgentIdentity : IDisposable
{
    /// <summary>Wraps an existing key pair; the identity owns it and disposes it.</summary>
    public AgentIdentity(Ed25519KeyPair keyPair, string? handle = null, string? issuer = null, string? name = null, DateTimeOffset? createdAt = null)
    {
        KeyPair = keyPair;
        Did = DidKey.FromPublicKey(keyPair.PublicKey);
        Handle = handle;
        Issuer = issuer;
        Name = name;
        CreatedAt = createdAt ?? DateTimeOffset.UtcNow;
    }

    /// <summary>The agent's key pair. Its private part never leaves this process except through <see cref="IdentityStore"/>.</summary>
    public Ed25519KeyPair KeyPair { get; }

    /// <summary>The agent's <c>did:key</c>, derived from the public key.</summary>
    public DidKey Did { get; }

    /// <summary>The RFC 7638 thumbprint of the public key (the <c>cnf.jkt</c> of this agent's tokens).</summary>
    public string Jkt => Did.Thumbprint;

    /// <summary>The handle assigned at registration; null before.</summary>
    public string? Handle { get; set; }

    /// <summary>The issuer (IdP URL) the identity is registered with; null before.</summary>
    public string? Issuer { get; set; }

    /// <summary>The agent's display name, if any.</summary>
    public string? Name { get; set; }

    /// <summary>When the key was generated.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>True once a handle and issuer are known.</summary>
    public bool IsRegistered => Handle is not null && Issuer is not null;

    /// <summary>Generates a fresh identity with a new key pair.</summary>
    public static AgentIdentity Generate(string? name = null, TimeProvider? timeProvider = null) =>
        new(Ed25519KeyPair.Generate(), name: name, createdAt: (timeProvider ?? TimeProvider.System).GetUtcNow());

    /// <summary>Signs <paramref name="data"/> with the agent's key (64-byte Ed25519 signature).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => KeyPair.Sign(data);

    /// <inheritdoc />
    public void Dispose() => KeyPair.Dispose();

    /// <inheritdoc />
    public override string ToString() => Handle is null ? Did.Value : $"{Handle} ({Did.Value})";
}
