using System.Text.Json;
using Microsoft.Extensions.Options;
using Passport.Core.Keys;
using Passport.Core.Tokens;
using Passport.Server.Configuration;

namespace Passport.Server.Signing;

/// <summary>
/// The IdP's token-signing key (from <c>PASSPORT_SIGNING_KEY</c>, <c>Passport:SigningKey:Path</c>, or generated into the
/// data folder with mode 0600), the optional next and previous keys of a rollover (published, never used to sign), the
/// issuer, and the JWKS built from them (docs/operations.md, IdP signing-key rotation).
/// </summary>
internal sealed partial class ServerSigningKeys : IDisposable
{
    public const string EnvironmentVariable = "PASSPORT_SIGNING_KEY";
    private readonly Ed25519KeyPair _current;

    public ServerSigningKeys(IOptions<PassportServerOptions> options, ILogger<ServerSigningKeys> logger)
    {
        var settings = options.Value.SigningKey;
        _current = LoadCurrent(options.Value, logger);
        KeyId = settings.KeyId;
        Issuer = new PassportTokenIssuer(_current, KeyId);
        var keys = new List<(string, byte[])> { (KeyId, _current.PublicKey) };
        if (settings.NextKeyPath is { Length: > 0 } nextPath)
        {
            NextPublicKey = LoadPublic(nextPath, "Passport:SigningKey:NextKeyPath");
            keys.Add((settings.NextKeyId, NextPublicKey.PublicKey));
        }
        if (settings.PreviousKeyPath is { Length: > 0 } previousPath)
        {
            PreviousPublicKey = LoadPublic(previousPath, "Passport:SigningKey:PreviousKeyPath");
            keys.Add((settings.PreviousKeyId!, PreviousPublicKey.PublicKey));
        }
        Resolver = JwksSigningKeys.FromKeys(keys);
        Jwks = BuildJwks(settings);
        LogKeyLoaded(logger, KeyId, _current.PublicJwk.Thumbprint);
    }

    public string KeyId { get; }

    public PassportTokenIssuer Issuer { get; }

    public Ed25519PublicJwk? NextPublicKey { get; }

    /// <summary>The key signed with before the last promotion, published until its tokens are no longer accepted.</summary>
    public Ed25519PublicJwk? PreviousPublicKey { get; }

    /// <summary>Resolves <c>kid</c> to the current, next or previous public key (for verifying the IdP's own tokens).</summary>
    public JwksSigningKeys Resolver { get; }

    /// <summary>The JWKS document served at <c>/.well-known/jwks.json</c>.</summary>
    public string Jwks { get; }

    public void Dispose() => _current.Dispose();

    private string BuildJwks(SigningKeyOptions settings)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            _current.PublicJwk.WriteTo(writer, KeyId, "sig", "EdDSA");
            NextPublicKey?.WriteTo(writer, settings.NextKeyId, "sig", "EdDSA");
            PreviousPublicKey?.WriteTo(writer, settings.PreviousKeyId!, "sig", "EdDSA");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Ed25519KeyPair LoadCurrent(PassportServerOptions options, ILogger logger)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Import(fromEnvironment, EnvironmentVariable);
        }
        var path = options.SigningKey.Path is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Path.GetFullPath(options.DataDirectory), "signing-key.jwk");
        if (File.Exists(path)) return Import(File.ReadAllText(path), "Passport:SigningKey:Path");
        var generated = Ed25519KeyPair.Generate();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, fileOptions))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Ed25519PrivateJwk.Export(generated));
        }
        LogKeyGenerated(logger, path);
        return generated;
    }

    private static Ed25519KeyPair Import(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Ed25519PrivateJwk.Import(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new InvalidOperationException($"{source} must hold an Ed25519 private JWK {{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":…,\"d\":…}}.", e);
        }
    }

    private static Ed25519PublicJwk LoadPublic(string path, string setting)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.TryGetProperty("d", out _))
            {
                using var pair = Ed25519PrivateJwk.Import(document.RootElement);
                return pair.PublicJwk;
            }
            return Ed25519PublicJwk.Parse(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or FormatException or IOException)
        {
            throw new InvalidOperationException($"{setting} '{path}' must be a readable Ed25519 JWK file.", e);
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Token-signing key {KeyId} loaded (thumbprint {Thumbprint})")]
    private static partial void LogKeyLoaded(ILogger logger, string keyId, string thumbprint);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "No signing key configured; generated a new one at {Path} (mode 0600)")]
    private static partial void LogKeyGenerated(ILogger logger, string path);
}
