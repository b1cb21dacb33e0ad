using System.Numerics;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;
using Passes.Tests.Support;

namespace Passes.Tests.Vectors;

/// <summary>Checks the library against vectors/passes-vectors.json (shared with the JS implementation).</summary>
public class SharedVectorTests
{
    private static readonly JsonElement[] All = Load();

    public static TheoryData<string> Names(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var v in All.Where(v => v.GetProperty("kind").GetString() == kind))
        {
            data.Add(v.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Fact]
    public void Vector_file_covers_every_kind()
    {
        var kinds = All.Select(v => v.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "request", "result", "codec", "signed", "signed-error", "request-error", "request-encode-error", "result-error", "codec-error", "codec-encode-error", "codec-decode" }, kinds);
        Assert.True(All.Length >= 60, $"only {All.Length} vectors");
    }

    [Theory]
    [MemberData(nameof(Names), "request")]
    public void Request(string name)
    {
        var v = Get(name);
        var topic = v.GetProperty("topic").GetString()!;
        var body = Hex.Bytes(v.GetProperty("bodyHex").GetString()!);
        var expected = v.GetProperty("requestHex").GetString()!;

        Assert.Equal(expected, Hex.Of(RequestEnvelopeV0.Encode(topic, body)));
        var decoded = RequestEnvelopeV0.Decode(Hex.Bytes(expected));
        Assert.Equal(topic, decoded.Topic);
        Assert.Equal(Hex.Of(body), Hex.Of(decoded.Body.Span));

        // Built-in topics must also decode and re-encode through their typed codecs.
        var reencoded = topic switch
        {
            PassesTopics.ProvideTopicsId => PassesTopics.ProvideTopics.EncodeRequest(PassesTopics.ProvideTopics.DecodeRequest(Hex.Bytes(expected))),
            PassesTopics.ProvidePassId => PassesTopics.ProvidePass.EncodeRequest(PassesTopics.ProvidePass.DecodeRequest(Hex.Bytes(expected))),
            PassesTopics.RequestBatchId => PassesTopics.RequestBatch.EncodeRequest(PassesTopics.RequestBatch.DecodeRequest(Hex.Bytes(expected))),
            PassesTopics.RequestWithDefaultProviderId => PassesTopics.RequestWithDefaultProvider.EncodeRequest(PassesTopics.RequestWithDefaultProvider.DecodeRequest(Hex.Bytes(expected))),
            _ => Hex.Bytes(expected),
        };
        Assert.Equal(expected, Hex.Of(reencoded));

        if (v.TryGetProperty("entriesHex", out var entries))
        {
            var batch = PassesTopics.RequestBatch.DecodeRequest(Hex.Bytes(expected));
            Assert.Equal(entries.EnumerateArray().Select(e => e.GetString()), batch.Select(r => Hex.Of(r.Encode())));
        }

        if (v.TryGetProperty("defaultProvider", out var provider))
        {
            var request = PassesTopics.RequestWithDefaultProvider.DecodeRequest(Hex.Bytes(expected));
            Assert.Equal(provider.GetString(), request.DefaultProvider);
            Assert.Equal(v.GetProperty("innerRequestHex").GetString(), Hex.Of(request.Request.Encode()));
        }
    }

    [Theory]
    [MemberData(nameof(Names), "result")]
    public void Result(string name)
    {
        var v = Get(name);
        var expected = v.GetProperty("resultHex").GetString()!;
        var result = v.GetProperty("status").GetString() switch
        {
            "accepted" => ResultEnvelopeV0.Accepted(Hex.Bytes(expected)[1..]),
            "rejected" => ResultEnvelopeV0.Rejected(),
            "unsupported" => ResultEnvelopeV0.Unsupported(),
            _ => ResultEnvelopeV0.Exception(v.GetProperty("message").GetString()!),
        };
        Assert.Equal(expected, Hex.Of(result.Encode()));
        Assert.Equal(result, ResultEnvelopeV0.Decode(Hex.Bytes(expected)));

        if (v.TryGetProperty("entriesHex", out var entries))
        {
            var batch = PassesTopics.RequestBatch.DecodeResult(Hex.Bytes(expected));
            Assert.Equal(entries.EnumerateArray().Select(e => e.GetString()), batch.Body!.Select(r => Hex.Of(r.Encode())));
        }

        if (v.TryGetProperty("innerResultHex", out var inner))
        {
            Assert.Equal(inner.GetString(), Hex.Of(PassesTopics.RequestWithDefaultProvider.DecodeResult(Hex.Bytes(expected)).Body!.Encode()));
        }
    }

    [Theory]
    [MemberData(nameof(Names), "codec")]
    public void Codec(string name)
    {
        var v = Get(name);
        var expected = v.GetProperty("bytesHex").GetString()!;
        var bytes = Hex.Bytes(expected);
        var value = v.TryGetProperty("value", out var given) ? given : default;
        switch (v.GetProperty("codec").GetString())
        {
            case "void":
                Assert.Equal(expected, Hex.Of(Passes.Codecs.Void.Encode(Passes.Codecs.Void.Decode(bytes))));
                break;
            case "bytes":
                Assert.Equal(expected, Hex.Of(Passes.Codecs.Bytes.Encode(Hex.Bytes(value.GetString()!))));
                break;
            case "string":
                Assert.Equal(expected, Hex.Of(Passes.Codecs.String.Encode(value.GetString()!)));
                Assert.Equal(value.GetString(), Passes.Codecs.String.Decode(bytes));
                break;
            case "boolean":
                Assert.Equal(expected, Hex.Of(Passes.Codecs.Boolean.Encode(value.GetBoolean())));
                Assert.Equal(value.GetBoolean(), Passes.Codecs.Boolean.Decode(bytes));
                break;
            case "number":
                Assert.Equal(expected, Hex.Of(Passes.Codecs.Number.Encode((float)value.GetDouble())));
                Assert.Equal((float)value.GetDouble(), Passes.Codecs.Number.Decode(bytes));
                break;
            case "bigint":
                Assert.Equal(expected, Hex.Of(Passes.Codecs.BigInt.Encode(BigInteger.Parse(value.GetString()!))));
                Assert.Equal(BigInteger.Parse(value.GetString()!), Passes.Codecs.BigInt.Decode(bytes));
                break;
            case "json":
                using (var doc = JsonDocument.Parse(v.GetProperty("valueJson").GetString()!))
                {
                    Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(Passes.Codecs.Json.Encode(doc.RootElement)));
                    Assert.Equal(expected, Hex.Of(Passes.Codecs.Json.Encode(Passes.Codecs.Json.Decode(bytes))));
                }

                break;
            default:
                Assert.Fail($"unknown codec in {name}");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Names), "signed")]
    public void Signed(string name)
    {
        var v = Get(name);
        using var key = Key.Import(SignatureAlgorithm.Ed25519, Hex.Bytes(v.GetProperty("seedHex").GetString()!), KeyBlobFormat.RawPrivateKey);
        var body = Hex.Bytes(v.GetProperty("bodyHex").GetString()!);

        Assert.Equal(v.GetProperty("signedBodyHex").GetString(), Hex.Of(SignedResultSigner.SignBody(key, body)));
        Assert.Equal(v.GetProperty("resultHex").GetString(), Hex.Of(SignedResultSigner.SignAcceptedResult(key, body)));

        var verified = SignedResultVerifier.VerifyResult(Hex.Bytes(v.GetProperty("resultHex").GetString()!), v.GetProperty("thumbprint").GetString());
        Assert.Equal(v.GetProperty("jwk").GetString(), verified.Signer.ToJson());
        Assert.Equal(Hex.Of(body), Hex.Of(verified.Body.Span));
        Assert.Equal("com.example.approve", verified.DecodeBody(ApprovalBody.Codec).Topic);
    }

    [Theory]
    [MemberData(nameof(Names), "signed-error")]
    public void SignedError(string name) =>
        ExpectVectorError(name, v => SignedResultVerifier.Verify(Hex.Bytes(v.GetProperty("signedBodyHex").GetString()!), null));

    [Theory]
    [MemberData(nameof(Names), "request-error")]
    public void RequestError(string name) =>
        ExpectVectorError(name, v =>
        {
            var bytes = Hex.Bytes(v.GetProperty("requestHex").GetString()!);
            _ = RequestEnvelopeV0.Decode(bytes).Topic switch
            {
                PassesTopics.ProvideTopicsId => PassesTopics.ProvideTopics.DecodeRequest(bytes),
                PassesTopics.ProvidePassId => PassesTopics.ProvidePass.DecodeRequest(bytes),
                PassesTopics.RequestBatchId => PassesTopics.RequestBatch.DecodeRequest(bytes),
                PassesTopics.RequestWithDefaultProviderId => PassesTopics.RequestWithDefaultProvider.DecodeRequest(bytes),
                _ => (object)bytes,
            };
        });

    [Theory]
    [MemberData(nameof(Names), "request-encode-error")]
    public void RequestEncodeError(string name) =>
        ExpectVectorError(name, v => RequestEnvelopeV0.Encode(v.GetProperty("topic").GetString()!, []));

    [Theory]
    [MemberData(nameof(Names), "result-error")]
    public void ResultError(string name) =>
        ExpectVectorError(name, v => ResultEnvelopeV0.Decode(Hex.Bytes(v.GetProperty("resultHex").GetString()!)));

    /// <summary>Decode-only vectors: bytes whose decoded value the reference's decoder decides (e.g. a leading BOM dropped).</summary>
    [Theory]
    [MemberData(nameof(Names), "codec-decode")]
    public void CodecDecode(string name)
    {
        var v = All.Single(x => x.GetProperty("name").GetString() == name);
        Assert.Equal("string", v.GetProperty("codec").GetString());
        Assert.Equal(v.GetProperty("value").GetString(), Passes.Codecs.String.Decode(Hex.Bytes(v.GetProperty("bytesHex").GetString()!)));
    }

    [Theory]
    [MemberData(nameof(Names), "codec-error")]
    public void CodecError(string name) =>
        ExpectVectorError(name, v =>
        {
            var bytes = Hex.Bytes(v.GetProperty("bytesHex").GetString()!);
            _ = v.GetProperty("codec").GetString() switch
            {
                "void" => Passes.Codecs.Void.Decode(bytes),
                "boolean" => Passes.Codecs.Boolean.Decode(bytes),
                "number" => Passes.Codecs.Number.Decode(bytes),
                "bigint" => Passes.Codecs.BigInt.Decode(bytes),
                "string" => Passes.Codecs.String.Decode(bytes),
                "json" => Passes.Codecs.Json.Decode(bytes),
                _ => (object)Passes.Codecs.Bytes.Decode(bytes),
            };
        });

    [Theory]
    [MemberData(nameof(Names), "codec-encode-error")]
    public void CodecEncodeError(string name) =>
        ExpectVectorError(name, v => Passes.Codecs.BigInt.Encode(BigInteger.Parse(v.GetProperty("value").GetString()!)));

    private static void ExpectVectorError(string name, Action<JsonElement> action)
    {
        var v = Get(name);
        var ex = Assert.ThrowsAny<PassesFormatException>(() => action(v));
        Assert.Equal(v.GetProperty("error").GetString(), ex.Code);
    }

    private static JsonElement Get(string name) => All.Single(v => v.GetProperty("name").GetString() == name);

    private static JsonElement[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "vectors", "passes-vectors.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return [.. doc.RootElement.GetProperty("vectors").EnumerateArray().Select(e => e.Clone())];
    }
}
