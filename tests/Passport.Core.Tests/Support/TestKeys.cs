using Passport.Core.Encoding;
using Passport.Core.Keys;

namespace Passport.Core.Tests.Support;

/// <summary>Known keys and vectors shared by the tests.</summary>
internal static class TestKeys
{
    /// <summary>RFC 8037 Appendix A.1 private seed <c>d</c>.</summary>
    public const string RfcD = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";

    /// <summary>RFC 8037 Appendix A.1 public key <c>x</c>.</summary>
    public const string RfcX = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    /// <summary>RFC 8037 Appendix A.3 thumbprint of the A.1 key.</summary>
    public const string RfcThumbprint = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

    /// <summary>RFC 8037 Appendix A.4 signing input and signature.</summary>
    public const string RfcA4SigningInput = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    public const string RfcA4Signature = "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    /// <summary>The sample DID of seeds/004: right prefix and length, but not a point on the curve (seeds/README.md).</summary>
    public const string SeedSampleDid = "did:key:z6MkvqCUU9kcZvbXd7N9fjpR5UkSrpNdnXHZQekmQgd9K5ax";

    public static Ed25519KeyPair Rfc() => Ed25519KeyPair.FromPrivateSeed(Base64UrlEncoding.Decode(RfcD));

    /// <summary>A fixed, valid key different from the RFC key (seed 0x01..0x20).</summary>
    public static Ed25519KeyPair Other()
    {
        var seed = new byte[32];
        for (var i = 0; i < seed.Length; i++) seed[i] = (byte)(i + 1);
        return Ed25519KeyPair.FromPrivateSeed(seed);
    }
}
