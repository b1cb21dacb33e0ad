using Passport.Core.Identity;

namespace Passport.Server.Registry;

/// <summary>The W3C DID Core document of seeds/004 with one Ed25519VerificationKey2020 method.</summary>
internal static class DidDocument
{
    public static object For(DidKey did)
    {
        var method = $"{did.Value}#{did.MultibaseKey}";
        return new Dictionary<string, object>
        {
            ["@context"] = new[] { "https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/ed25519-2020/v1" },
            ["id"] = did.Value,
            ["verificationMethod"] = new[]
            {
                new Dictionary<string, string>
                {
                    ["id"] = method,
                    ["type"] = "Ed25519VerificationKey2020",
                    ["controller"] = did.Value,
                    ["publicKeyMultibase"] = did.MultibaseKey,
                },
            },
            ["authentication"] = new[] { method },
            ["assertionMethod"] = new[] { method },
        };
    }
}
