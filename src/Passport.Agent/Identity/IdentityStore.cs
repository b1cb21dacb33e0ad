namespace Passport.Agent;

/// <summary>
/// The agent's state folder: <c>identity.json</c> (private key, DID, handle, issuer, name), <c>tokens.json</c>
/// (acquired tokens by audience) and <c>pending-rotation.json</c>, all owner-only (0600) in an owner-only folder.
/// The folder is <c>$PASSPORT_HOME</c>, else <c>~/.passport</c>, unless given explicitly.
/// </summary>
public sealed class IdentityStore
{
    /// <summary>The environment variable that overrides the default folder.</summary>
    public const string HomeVariable = "PASSPORT_HOME";

    /// <summary>Uses <paramref name="directory"/>, or <see cref="DefaultDirectory"/> when null.</summary>
    public IdentityStore(string? directory = null)
    {
        Directory = Path.GetFullPath(directory ?? DefaultDirectory());
    }

    /// <summary>The state folder.</summary>
    public string Directory { get; }

    /// <summary>Path of the identity file.</summary>
    public string IdentityPath => Path.Combine(Directory, "identity.json");

    /// <summary>Path of the token file.</summary>
    public string TokensPath => Path.Combine(Directory, "tokens.json");

    /// <summary>Path of the key waiting for an owner-approved rotation.</summary>
    public string PendingRotationPath => Path.Combine(Directory, "pending-rotation.json");

    /// <summary>True when an identity file exists.</summary>
    public bool HasIdentity => File.Exists(IdentityPath);

    /// <summary><c>$PASSPORT_HOME</c> when set, else <c>~/.passport</c>.</summary>
    public static string DefaultDirectory()
    {
        var home = Environment.GetEnvironmentVariable(HomeVariable);
        return string.IsNullOrWhiteSpace(home)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".passport")
            : home;
    }

    /// <summary>Loads the identity.</summary>
    /// <exception cref="PassportAgentException">
    /// <c>identity.not_found</c>, <c>identity.insecure_permissions</c> (with the <c>chmod 600</c> fix) or <c>identity.malformed</c>.
    /// </exception>
    public AgentIdentity Load() =>
        TryLoad() ?? throw new PassportAgentException(AgentErrorCodes.IdentityNotFound,
            $"No Passport identity at {IdentityPath}. Create one with `passport keygen` (or set {HomeVariable}).");

    /// <summary>Loads the identity, or null when there is no identity file.</summary>
    public AgentIdentity? TryLoad()
    {
        var json = OwnerOnlyFile.Read(IdentityPath);
        return json is null ? null : IdentityDocument.Deserialize(json, IdentityPath);
    }

    /// <summary>Writes the identity atomically with mode 0600.</summary>
    /// <exception cref="PassportAgentException"><c>identity.exists</c> when a file exists and <paramref name="overwrite"/> is false.</exception>
    public void Save(AgentIdentity identity, bool overwrite = true)
    {
        if (!overwrite && HasIdentity)
        {
            throw new PassportAgentException(AgentErrorCodes.IdentityExists,
                $"An identity already exists at {IdentityPath}; refusing to overwrite its private key (use --force to replace it).");
        }
        OwnerOnlyFile.Write(IdentityPath, IdentityDocument.Serialize(identity));
    }

    /// <summary>Every stored token, by audience.</summary>
    public IReadOnlyDictionary<string, PassportAccessToken> LoadTokens() => ReadTokens().Tokens;

    /// <summary>The stored token for <paramref name="audience"/>, or null.</summary>
    public PassportAccessToken? FindToken(string audience) => ReadTokens().Tokens.GetValueOrDefault(NormalizeAudience(audience));

    /// <summary>Stores <paramref name="token"/> under its audience, replacing any previous one (mode 0600).</summary>
    public void SaveToken(PassportAccessToken token)
    {
        var document = ReadTokens();
        document.Tokens[NormalizeAudience(token.Audience)] = token;
        OwnerOnlyFile.Write(TokensPath, document.Serialize());
    }

    /// <summary>Removes every stored token (after a rotation or revocation).</summary>
    public void ClearTokens()
    {
        if (File.Exists(TokensPath))
        {
            OwnerOnlyFile.Write(TokensPath, new TokenDocument().Serialize());
        }
    }

    /// <summary>Stores the new key of a requested rotation until the owner approves it.</summary>
    public void SavePendingRotation(AgentIdentity newIdentity) =>
        OwnerOnlyFile.Write(PendingRotationPath, IdentityDocument.Serialize(newIdentity));

    /// <summary>The new key of a requested rotation, or null.</summary>
    public AgentIdentity? LoadPendingRotation()
    {
        var json = OwnerOnlyFile.Read(PendingRotationPath);
        return json is null ? null : IdentityDocument.Deserialize(json, PendingRotationPath);
    }

    /// <summary>Deletes the pending rotation key, if any.</summary>
    public void DeletePendingRotation() => File.Delete(PendingRotationPath);

    /// <summary>Audiences are stored without a trailing slash so that <c>https://a/</c> and <c>https://a</c> share a token.</summary>
    public static string NormalizeAudience(string audience) => audience.TrimEnd('/');

    private TokenDocument ReadTokens()
    {
        var json = OwnerOnlyFile.Read(TokensPath);
        return json is null ? new TokenDocument() : TokenDocument.Deserialize(json, TokensPath);
    }

    /// <inheritdoc />
    public override string ToString() => Directory;
}
